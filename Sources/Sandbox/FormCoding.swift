import Foundation

/// `application/x-www-form-urlencoded` encoding and decoding, written for the sandbox.
enum FormCoding {
    /// Decodes `a=1&b=two+words` into a dictionary (last value wins; `name[]` keys keep their brackets).
    static func decode(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = decodeComponent(String(parts[0]))
            let value = parts.count > 1 ? decodeComponent(String(parts[1])) : ""
            result[key] = value
        }
        return result
    }

    /// Decodes a query keeping every value of a repeated name, in order.
    static func decodeAll(_ text: String) -> [String: [String]] {
        var result: [String: [String]] = [:]
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            result[decodeComponent(String(parts[0])), default: []].append(parts.count > 1 ? decodeComponent(String(parts[1])) : "")
        }
        return result
    }

    /// Percent-decodes one component, treating `+` as a space.
    static func decodeComponent(_ text: String) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    /// Encodes parameters for a query string, in the given order.
    static func encode(_ pairs: [(String, String)]) -> String {
        pairs.map { "\(encodeComponent($0.0))=\(encodeComponent($0.1))" }.joined(separator: "&")
    }

    /// Percent-encodes every UTF-8 byte but the RFC 3986 unreserved characters, which are ASCII
    /// only (https://www.rfc-editor.org/rfc/rfc3986#section-2.3); Foundation's `.alphanumerics`
    /// would let non-ASCII letters through. The sandbox's one encoder.
    static func encodeComponent(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.append(Character(Unicode.Scalar(byte)))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }

    /// Appends query parameters to a URL that may already carry a query.
    static func appendQuery(to url: String, _ pairs: [(String, String)]) -> String {
        let separator = url.contains("?") ? "&" : "?"
        return url + separator + encode(pairs)
    }
}
