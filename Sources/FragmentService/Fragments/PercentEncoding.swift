/// Builds query strings that survive any round trip: every byte of the UTF-8 form outside RFC 3986
/// `unreserved` (ALPHA / DIGIT / "-" / "." / "_" / "~") is percent-encoded, so `&`, `=`, `+`,
/// `#`, `?`, spaces and non-ASCII text all decode back exactly, whether the reader treats `+` as
/// a space or not.
enum PercentEncoding {
    /// `value` with everything but unreserved characters percent-encoded (uppercase hex).
    static func encode(_ value: String) -> String {
        var encoded = ""
        encoded.reserveCapacity(value.utf8.count)
        for byte in value.utf8 {
            if isUnreserved(byte) {
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                encoded += "%" + String(hexDigits[Int(byte >> 4)]) + String(hexDigits[Int(byte & 0x0F)])
            }
        }
        return encoded
    }

    /// `name=value` pairs joined with `&`, both sides encoded, in the order given.
    static func query(_ pairs: [(String, String)]) -> String {
        pairs.map { encode($0.0) + "=" + encode($0.1) }.joined(separator: "&")
    }

    private static let hexDigits = Array("0123456789ABCDEF")

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }
}
