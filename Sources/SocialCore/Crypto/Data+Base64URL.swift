import Foundation

extension Data {
    /// Decodes url-safe base64 with or without `=` padding.
    package init?(base64URLEncoded text: String) {
        var s = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        if !s.hasSuffix("=") { s += String(repeating: "=", count: (4 - s.count % 4) % 4) }
        self.init(base64Encoded: s)
    }

    /// Url-safe base64; `padded` keeps `=` (Fernet tokens and keys keep it, JWT segments do not).
    package func base64URLEncodedString(padded: Bool = false) -> String {
        var s = base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        if !padded { s = s.replacingOccurrences(of: "=", with: "") }
        return s
    }
}
