import Foundation

/// Percent-encoding for query strings and `application/x-www-form-urlencoded` bodies: every
/// UTF-8 byte outside RFC 3986 `unreserved` (ALPHA / DIGIT / "-" / "." / "_" / "~", ASCII only)
/// is encoded, so `&`, `=`, `+`, `#`, spaces and non-ASCII text decode back exactly whether the
/// reader treats `+` as a space or not. (Foundation's `.alphanumerics` would let non-ASCII
/// letters through unencoded.)
package enum FormEncoding {
    private static let hexDigits = Array("0123456789ABCDEF")

    package static func escape(_ value: String) -> String {
        var encoded = ""
        encoded.reserveCapacity(value.utf8.count)
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                encoded += "%" + String(hexDigits[Int(byte >> 4)]) + String(hexDigits[Int(byte & 0x0F)])
            }
        }
        return encoded
    }

    /// `name=value` pairs joined with `&`, both sides encoded, in the order given.
    package static func encode(_ fields: [(String, String)]) -> String {
        fields.map { "\(escape($0.0))=\(escape($0.1))" }.joined(separator: "&")
    }

    /// `url` with `fields` appended as its query.
    package static func url(_ base: URL, _ fields: [(String, String)]) -> URL {
        URL(string: base.absoluteString + (base.query == nil ? "?" : "&") + encode(fields))!
    }
}
