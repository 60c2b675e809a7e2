/// The parts of a `Cache-Control` header the fragment cache honours.
struct FragmentCacheControl: Sendable, Equatable {
    /// Seconds the response stays fresh (0 means: revalidate every time).
    var maxAge: Int
    /// `no-store`: keep nothing.
    var noStore: Bool

    init(maxAge: Int = 0, noStore: Bool = false) {
        self.maxAge = maxAge
        self.noStore = noStore
    }

    /// Parses a header value; unknown directives are ignored, `no-cache` means max-age 0.
    init(header: String?) {
        self.init()
        guard let header else { return }
        var noCache = false
        for directive in header.split(separator: ",") {
            let parts = directive.split(separator: "=", maxSplits: 1).map(Self.trim)
            switch parts.first?.lowercased() {
            case "max-age": maxAge = parts.count == 2 ? max(0, Int(parts[1]) ?? 0) : 0
            case "no-store": noStore = true
            case "no-cache": noCache = true
            default: break
            }
        }
        if noCache { maxAge = 0 }
    }

    private static func trim(_ text: Substring) -> String {
        var slice = text
        while let first = slice.first, " \t\"".contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, " \t\"".contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}
