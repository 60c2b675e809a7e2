import Foundation

extension URL {
    /// Scheme, host, port and path only: what errors and logs may say about a destination.
    /// Drops user info, query and fragment, which can carry tokens.
    package var redactedDescription: String {
        guard let components = URLComponents(url: self, resolvingAgainstBaseURL: false), let host = components.host
        else { return "(unparseable URL)" }
        let port = components.port.map { ":\($0)" } ?? ""
        return "\(components.scheme ?? "?")://\(host)\(port)\(components.percentEncodedPath)"
    }
}
