/// Cleans and ranks the author values a page gives (README.md, "HTML metadata precedence").
///
/// Bylines often carry their label (`By Will Smale`, `by: Will Smale`); the English "By" is
/// removed. Other languages' labels (`Von`, `Par`) are left alone, as they are also surnames.
/// A value that is a URL, a path or a bare domain (`example.com`, `www.facebook.com/someone`)
/// is a profile link, not a name: Open Graph defines `article:author` as a profile URL
/// (https://ogp.me/#type_article). A Twitter handle (`@name`) identifies somebody but is not
/// how a reader names them, so it is used only when no source gives a real name.
enum AuthorName {
    /// What a cleaned author value is.
    enum Kind: Sendable, Equatable {
        case name, handle
    }

    /// One usable author value.
    struct Candidate: Sendable, Equatable {
        var text: String
        var kind: Kind
    }

    /// `raw` cleaned and classified; `nil` when it is blank, only a label, or a link.
    static func candidate(_ raw: String) -> Candidate? {
        guard var text = raw.normalisedWhitespace else { return nil }
        text = withoutByline(text)
        guard !text.isEmpty, !isLink(text) else { return nil }
        if text.hasPrefix("@"), !text.contains(" "), text.count > 1 { return Candidate(text: text, kind: .handle) }
        return Candidate(text: text, kind: .name)
    }

    /// The first real name among `candidates` (in precedence order), else the first handle.
    static func choose(_ candidates: [Candidate]) -> String? {
        (candidates.first { $0.kind == .name } ?? candidates.first)?.text
    }

    /// The real names among `values` joined with ", " (several authors of one source), as one
    /// candidate, followed by its handles.
    static func joined(_ values: [String]) -> [Candidate] {
        let candidates = values.compactMap(candidate)
        let names = candidates.filter { $0.kind == .name }.map(\.text)
        let handles = candidates.filter { $0.kind == .handle }
        return (names.isEmpty ? [] : [Candidate(text: names.joined(separator: ", "), kind: .name)]) + handles
    }

    /// `text` without a leading "By" label (`By `, `by:`, `BY -`).
    private static func withoutByline(_ text: String) -> String {
        guard text.count >= 2, text.prefix(2).lowercased() == "by" else { return text }
        let rest = text.dropFirst(2)
        guard let next = rest.first else { return "" }
        guard next == " " || next == ":" || next == "-" || next == "\u{2013}" || next == "\u{2014}" else { return text }
        return rest.drop { $0 == " " || $0 == ":" || $0 == "-" || $0 == "\u{2013}" || $0 == "\u{2014}" }.trimmingWhitespace()
    }

    /// Whether `text` is a URL, a path or a bare domain rather than a name.
    static func isLink(_ text: String) -> Bool {
        let lower = text.lowercased()
        if lower.contains("://") || lower.hasPrefix("/") || lower.hasPrefix("www.") { return true }
        guard !text.contains(" ") else { return false }
        // A single token: a host (`example.com`) optionally followed by a path.
        let host = text.prefix { $0 != "/" }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, let last = labels.last, (2...24).contains(last.count),
            last.allSatisfy({ $0.isASCII && $0.isLowercase && $0.isLetter }),
            labels.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") } })
        else { return text.contains("/") && !text.hasPrefix("@") }
        return true
    }
}
