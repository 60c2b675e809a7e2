import Foundation

/// A low-cardinality name for the endpoint a platform call went to, used as a metrics label:
/// the method, the host, and at most four path segments, each kept only when it reads like a
/// fixed word of the API (`feed`, `media_publish`, `verify_credentials`) or a version
/// (`v26.0`, `2`); anything that could be an id, a code or a token becomes `{id}`. A host a person
/// typed (a Mastodon server) becomes `{instance}`, so thousands of servers are one series.
/// Queries and fragments are never read: they can carry tokens.
package enum PlatformEndpoint {
    /// Path segments kept at most; a longer path ends in `/…`.
    static let maximumSegments = 4

    /// E.g. `POST graph.facebook.com/v26.0/{id}/feed`, `GET {instance}/api/v1/accounts/verify_credentials`.
    package static func label(method: PlatformHTTPRequest.Method, url: URL, destination: PlatformHTTPRequest.Destination) -> String {
        let host = destination == .untrusted ? "{instance}" : (url.host(percentEncoded: true)?.lowercased() ?? "{none}")
        let segments = url.path(percentEncoded: true).split(separator: "/", omittingEmptySubsequences: true)
        var parts: [String] = []
        for (index, segment) in segments.prefix(maximumSegments).enumerated() {
            parts.append(isFixedWord(segment) || isVersion(segment, at: index) ? String(segment) : "{id}")
        }
        if segments.count > maximumSegments { parts.append("…") }
        return "\(method.rawValue) \(host)" + parts.map { "/" + $0 }.joined()
    }

    /// A word of the API's vocabulary: letters, `_`, `-` and `.`, starting with a letter, at
    /// most one trailing digit (`oauth2`), 1–32 characters. Ids and codes (numeric, hex, base62
    /// with digits inside) do not qualify.
    static func isFixedWord(_ segment: Substring) -> Bool {
        let bytes = Array(segment.utf8)
        guard (1...32).contains(bytes.count), let first = bytes.first, isLetter(first) else { return false }
        for (index, byte) in bytes.enumerated() {
            if isLetter(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") { continue }
            if isDigit(byte), index == bytes.count - 1 { continue }
            return false
        }
        return true
    }

    /// An API version: `v26.0`, `v1`, `2.0` anywhere; a bare `2` only as the first segment
    /// (X's `/2/tweets`), where an id never stands.
    static func isVersion(_ segment: Substring, at index: Int) -> Bool {
        var rest = Substring(segment)
        let prefixed = rest.first == "v"
        if prefixed { rest = rest.dropFirst() }
        let pieces = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(pieces.count), pieces.allSatisfy({ (1...2).contains($0.count) && $0.utf8.allSatisfy(isDigit) }) else {
            return false
        }
        return prefixed || pieces.count == 2 || index == 0
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
}
