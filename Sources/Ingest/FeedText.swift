/// Text cleaning shared by the feed readers.
enum FeedText {
    /// Plain text from a feed field that may carry markup or (double-)escaped entities:
    /// flattened through the HTML parser only when it contains `<` or `&`, then
    /// whitespace-normalised. `nil` when blank.
    static func plain(_ text: String?) -> String? {
        guard let text else { return nil }
        if text.contains("<") || text.contains("&") {
            return LibXML.plainText(fromHTML: text).normalisedWhitespace
        }
        return text.normalisedWhitespace
    }

    /// The text trimmed, or `nil` when blank (for HTML content kept as HTML, and identifiers).
    static func trimmed(_ text: String?) -> String? {
        guard let trimmed = text?.trimmingWhitespace(), !trimmed.isEmpty else { return nil }
        return trimmed
    }

    /// A name from an RSS `author` value, which RSS 2.0 defines as an email address
    /// optionally followed by the name in parentheses: `ada@example.org (Ada Lovelace)`.
    static func authorName(_ text: String?) -> String? {
        guard let value = plain(text) else { return nil }
        if let open = value.firstIndex(of: "("), let close = value.lastIndex(of: ")"), open < close {
            let name = value[value.index(after: open)..<close].normalisedWhitespace
            if let name { return name }
        }
        return value
    }
}
