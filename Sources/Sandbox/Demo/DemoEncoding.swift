import Foundation

/// Escaping and percent-encoding for the demo apps. Every piece of item data passes through
/// `html` before it reaches a page, an SVG or a feed.
enum DemoEncoding {
    /// Escapes text for HTML/XML element content and quoted attribute values (the sandbox's one
    /// escaper, `HTML.escape`).
    static func html(_ text: String) -> String { HTML.escape(text) }

    /// Percent-encodes everything but RFC 3986 unreserved characters (for query values).
    static func queryValue(_ text: String) -> String { FormCoding.encodeComponent(text) }

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
