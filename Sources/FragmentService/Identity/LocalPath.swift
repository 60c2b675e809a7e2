/// Return-to targets are paths on this service only: never another origin, never
/// protocol-relative (`//evil`), never with backslashes that browsers treat as slashes.
enum LocalPath {
    /// `candidate` if it is a safe local path, otherwise `fallback`.
    static func sanitize(_ candidate: String?, fallback: String = "/social/") -> String {
        guard let path = candidate, path.hasPrefix("/"), !path.hasPrefix("//"), !path.contains("\\"),
            path.count <= 2048,
            path.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F })
        else { return fallback }
        return path
    }
}
