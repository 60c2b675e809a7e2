import Foundation

/// `application/x-www-form-urlencoded` encoding (RFC 3986 unreserved characters kept).
package enum FormEncoding {
    private static let allowed: CharacterSet = {
        var set = CharacterSet.alphanumerics
        set.insert(charactersIn: "-._~")
        return set
    }()

    package static func escape(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    package static func encode(_ fields: [(String, String)]) -> String {
        fields.map { "\(escape($0.0))=\(escape($0.1))" }.joined(separator: "&")
    }

    /// `url` with `fields` appended as its query.
    package static func url(_ base: URL, _ fields: [(String, String)]) -> URL {
        URL(string: base.absoluteString + (base.query == nil ? "?" : "&") + encode(fields))!
    }
}
