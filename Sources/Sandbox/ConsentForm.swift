import Foundation

/// What a browser would submit from a sandbox consent page, for tests that act as the person:
/// the form's action path and hidden fields, plus the chosen account and decision.
public struct ConsentForm: Sendable {
    /// Path (with the host prefix) the form posts to.
    public var action: String
    public var fields: [(String, String)]

    /// Reads the consent form out of an authorize page; nil when the page has none.
    public init?(html: String) {
        guard let action = Self.firstMatch(#"<form method="post" action="([^"]+)""#, in: html) else { return nil }
        self.action = Self.unescape(action)
        var fields: [(String, String)] = []
        if let regex = try? NSRegularExpression(pattern: #"<input type="hidden" name="([^"]*)" value="([^"]*)">"#) {
            for match in regex.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
                guard let name = Range(match.range(at: 1), in: html), let value = Range(match.range(at: 2), in: html) else { continue }
                fields.append((Self.unescape(String(html[name])), Self.unescape(String(html[value]))))
            }
        }
        self.fields = fields
    }

    /// The form body for `account` and `decision` (`allow` or `deny`).
    public func body(account: String, decision: String = "allow") -> String {
        FormCoding.encode(fields + [("account", account), ("decision", decision)])
    }

    private static func firstMatch(_ pattern: String, in text: String) -> String? {
        guard let regex = try? NSRegularExpression(pattern: pattern),
            let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
            let range = Range(match.range(at: 1), in: text)
        else { return nil }
        return String(text[range])
    }

    private static func unescape(_ s: String) -> String {
        s.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
