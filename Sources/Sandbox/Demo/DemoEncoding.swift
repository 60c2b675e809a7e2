import Foundation

/// Escaping and percent-encoding for the demo apps. Every piece of item data passes through
/// `html` before it reaches a page, an SVG or a feed.
enum DemoEncoding {
    /// Escapes text for HTML/XML element content and quoted attribute values.
    static func html(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// Percent-encodes everything but RFC 3986 unreserved characters (for query values).
    static func queryValue(_ text: String) -> String {
        var out = ""
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

    /// Slugs are code-generated, but encode them anyway so a path can never break out.
    static func pathComponent(_ text: String) -> String { queryValue(text) }

    /// A query string from ordered pairs.
    static func query(_ pairs: [(String, String)]) -> String {
        pairs.map { "\(queryValue($0.0))=\(queryValue($0.1))" }.joined(separator: "&")
    }

    /// JSON text made safe inside `<script>`: `<`, `>` and `&` only occur inside JSON strings,
    /// where `\u003c` etc. mean the same characters.
    static func scriptJSON(_ json: String) -> String {
        json.replacingOccurrences(of: "<", with: "\\u003c")
            .replacingOccurrences(of: ">", with: "\\u003e")
            .replacingOccurrences(of: "&", with: "\\u0026")
    }
}
