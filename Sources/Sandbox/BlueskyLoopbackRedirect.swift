import Foundation

/// A redirect URI of a localhost development client: `http://127.0.0.1[:port][/path][?query]` or the same on
/// `[::1]`, never the name `localhost` (docs/platforms/bluesky.md, "Localhost clients"). Read by hand, so that
/// nothing is normalised behind the comparison: a URI written differently is a different URI.
struct BlueskyLoopbackRedirect: Equatable, Sendable {
    /// `127.0.0.1` or `[::1]`.
    var host: String
    /// The port, when the URI names one; never compared (RFC 8252 §7.3).
    var port: Int?
    /// Path and query as written, the path `/` when the URI has none.
    var pathAndQuery: String

    static let hosts: Set<String> = ["127.0.0.1", "[::1]"]

    init?(_ uri: String) {
        guard case .success(let parsed) = Self.parse(uri) else { return nil }
        self = parsed
    }

    private init(host: String, port: Int?, pathAndQuery: String) {
        self.host = host
        self.port = port
        self.pathAndQuery = pathAndQuery
    }

    /// The parsed URI, or why it is not a loopback redirect URI (the reason names only the URI's parts).
    static func parse(_ uri: String) -> Result<BlueskyLoopbackRedirect, BlueskyLoopbackClientID.Refusal> {
        func refuse(_ reason: String) -> Result<BlueskyLoopbackRedirect, BlueskyLoopbackClientID.Refusal> { .failure(.init(reason: reason)) }
        guard uri.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) else {
            return refuse("a redirect URI must be printable ASCII without spaces")
        }
        guard uri.hasPrefix("http://") else { return refuse("a loopback redirect URI must use the \"http:\" scheme") }
        let rest = uri.dropFirst("http://".count)
        // RFC 6749 §3.1.2: a redirection endpoint has no fragment.
        guard !rest.contains("#") else { return refuse("a redirect URI must not have a fragment") }
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        guard !authority.contains("@") else { return refuse("a redirect URI must not contain credentials") }
        let host: Substring
        let portText: Substring?
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            host = authority[...close]
            let after = authority[authority.index(after: close)...]
            guard after.isEmpty || after.hasPrefix(":") else { return refuse("a redirect URI's host is malformed") }
            portText = after.isEmpty ? nil : after.dropFirst()
        } else {
            let parts = authority.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            host = parts.first ?? ""
            portText = parts.count > 1 ? parts.last : nil
        }
        if host.lowercased() == "localhost" {
            return refuse("\"localhost\" is not allowed as a redirect URI host (RFC 8252 §8.3): use 127.0.0.1 or [::1]")
        }
        guard hosts.contains(String(host)) else { return refuse("an http redirect URI must use \"127.0.0.1\" or \"[::1]\" as its host") }
        var port: Int?
        if let portText {
            guard (1...5).contains(portText.count), portText.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(portText),
                (1...65_535).contains(number)
            else { return refuse("a redirect URI's port must be a number from 1 to 65535") }
            port = number
        }
        let tail = String(rest[authorityEnd...])
        return .success(BlueskyLoopbackRedirect(host: String(host), port: port, pathAndQuery: tail.hasPrefix("/") ? tail : "/" + tail))
    }

    /// Same host, path and query; the port may differ (RFC 8252 §7.3, as the reference server compares).
    func matches(_ requested: BlueskyLoopbackRedirect) -> Bool {
        host == requested.host && pathAndQuery == requested.pathAndQuery
    }
}
