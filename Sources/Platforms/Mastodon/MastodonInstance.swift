import Foundation
import SocialCore

/// Turns what a person types to name their Mastodon server into the instance base URL
/// (`https://host`, lower-cased, no path), as a connection stores it (docs/platforms/mastodon.md,
/// "Instance address"). Address checks (private ranges, DNS rebinding) are the transport's
/// `.untrusted` job.
package enum MastodonInstance {
    /// Accepts `https://host/anything`, `host`, `host:port`, `@user@host` and `user@host`.
    /// Refuses empty input, spaces, userinfo in a URL, schemes other than http(s), bad ports
    /// and host names with characters no DNS name or IP literal has.
    package static func normalize(_ input: String) throws(PlatformError) -> URL {
        let text = input.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw refuse("Enter your Mastodon server, e.g. mastodon.social.") }
        guard !text.contains(where: { $0.isWhitespace }) else { throw refuse("A server address cannot contain spaces.") }
        var candidate = text
        if let range = text.range(of: "://") {
            let scheme = text[..<range.lowerBound].lowercased()
            guard scheme == "https" || scheme == "http" else { throw refuse("Only http(s) server addresses are accepted.") }
            candidate = String(text[range.upperBound...])
            // In a URL an '@' before the host is userinfo (credentials): refuse rather than guess.
            let authority = candidate.prefix(while: { $0 != "/" && $0 != "?" && $0 != "#" })
            guard !authority.contains("@") else { throw refuse("A server address cannot contain a user name or password.") }
        } else if let at = text.lastIndex(of: "@") {
            // A handle, `@user@host` or `user@host`: the server is after the last '@'.
            let host = text[text.index(after: at)...]
            guard !host.isEmpty, !text.dropFirst(text.hasPrefix("@") ? 1 : 0).hasPrefix("@") else {
                throw refuse("That handle has no server; write it as @user@server.")
            }
            candidate = String(host)
        }
        let authority = String(candidate.prefix(while: { $0 != "/" && $0 != "?" && $0 != "#" }))
        guard let components = URLComponents(string: "https://" + authority), let rawHost = components.host, !rawHost.isEmpty else {
            throw refuse("That is not a server address.")
        }
        var host = rawHost.lowercased()
        if host.hasSuffix(".") { host.removeLast() }
        guard isValidHost(host) else { throw refuse("That is not a server address.") }
        var result = URLComponents()
        result.scheme = "https"
        result.host = host
        if let port = components.port, port != 443 {
            guard (1...65535).contains(port) else { throw refuse("That port is not valid.") }
            result.port = port
        }
        guard let url = result.url else { throw refuse("That is not a server address.") }
        return url
    }

    /// The host (and non-default port) as used in `{id}@{host}` account ids.
    package static func authority(of instanceURL: URL) -> String {
        let host = instanceURL.host ?? instanceURL.absoluteString
        return instanceURL.port.map { "\(host):\($0)" } ?? host
    }

    private static func isValidHost(_ host: String) -> Bool {
        if host.hasPrefix("[") {  // IPv6 literal; whether it may be reached is the transport's call.
            // Parsed, not just character-checked: `[]` or `[:]` would otherwise pass as a host.
            return host.hasSuffix("]") && IPAddress(literal: host)?.family == .v6
        }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        return host.count <= 253
            && labels.allSatisfy { label in
                !label.isEmpty && label.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                    && label.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" }
            }
    }

    private static func refuse(_ message: String) -> PlatformError {
        PlatformError(.invalidInstance, .mastodon, message)
    }
}
