import Crypto
import Foundation

/// Strong entity tags computed from a response body, and the `If-None-Match` check (RFC 9110
/// §8.8.3 and §13.1.2).
enum EntityTag {
    /// `"<SHA-256 of body, hex>"`: the same bytes always give the same tag, any change a new one.
    static func strong(for body: String) -> String {
        strong(forBytes: Array(body.utf8))
    }

    /// The strong tag of `bytes` (a static file), the same form as for text.
    static func strong(forBytes bytes: [UInt8]) -> String {
        let digest = SHA256.hash(data: bytes)
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        var tag: [UInt8] = [UInt8(ascii: "\"")]
        for byte in digest { tag += [hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]] }
        tag.append(UInt8(ascii: "\""))
        return String(decoding: tag, as: UTF8.self)
    }

    /// True when any `If-None-Match` field value names `tag` or is `*`. `If-None-Match` uses the
    /// weak comparison, so `W/"x"` matches `"x"`. A malformed list element ends the parse of that
    /// field value (it then matches nothing further), which only costs a full response.
    static func ifNoneMatch(_ fieldValues: [String], matches tag: String) -> Bool {
        let opaque = Substring(tag.hasPrefix("W/") ? tag.dropFirst(2) : tag[...])
        for field in fieldValues {
            var rest = Substring(field)
            while true {
                rest = rest.drop { $0 == " " || $0 == "\t" || $0 == "," }
                if rest.isEmpty { break }
                if rest.first == "*" { return true }
                if rest.hasPrefix("W/") { rest = rest.dropFirst(2) }
                guard rest.first == "\"", let close = rest.dropFirst().firstIndex(of: "\"") else { break }
                if rest[...close] == opaque { return true }
                rest = rest[rest.index(after: close)...]
            }
        }
        return false
    }
}
