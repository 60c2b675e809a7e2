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

    /// Percent-decodes one component, treating `+` as a space.
    static func decodeComponent(_ text: String) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    /// Encodes parameters for a query string, in the given order.
    static func encode(_ pairs: [(String, String)]) -> String {
        pairs.map { "\(encodeComponent($0.0))=\(encodeComponent($0.1))" }.joined(separator: "&")
    }

    /// Percent-encodes everything but unreserved characters (RFC 3986 §2.3).
    static func encodeComponent(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    /// Appends query parameters to a URL that may already carry a query.
    static func appendQuery(to url: String, _ pairs: [(String, String)]) -> String {
        let separator = url.contains("?") ? "&" : "?"
        return url + separator + encode(pairs)
    }
}
