import Foundation

/// The length rules each platform applies to post text.
enum TextCounter {
    /// http(s) URLs as the platforms' link detectors see them (up to whitespace).
    static let urlPattern = try! NSRegularExpression(pattern: #"https?://[^\s]+"#, options: [.caseInsensitive])

    /// URLs found in text, in order.
    static func urls(in text: String) -> [String] {
        let range = NSRange(text.startIndex..., in: text)
        return urlPattern.matches(in: text, range: range).compactMap { Range($0.range, in: text).map { String(text[$0]) } }
    }

    /// Replaces every URL with `filler` repeated `weight` times so the rest can be counted alone.
    static func splitURLs(_ text: String) -> (rest: String, count: Int) {
        let range = NSRange(text.startIndex..., in: text)
        let count = urlPattern.numberOfMatches(in: text, range: range)
        let rest = urlPattern.stringByReplacingMatches(in: text, range: range, withTemplate: "")
        return (rest, count)
    }

    /// X weighted length (docs/platforms/twitter.md, "Counting text"; twitter-text config v3): NFC, URLs = 23, code points in
    /// the light ranges weigh 1, everything else 2, and each emoji grapheme weighs 2.
    static func twitterWeightedLength(_ text: String) -> Int {
        let (rest, urlCount) = splitURLs(text.precomposedStringWithCanonicalMapping)
        var weight = urlCount * 23 * 100
        for grapheme in rest {
            if isEmoji(grapheme) { weight += 200; continue }
            for scalar in grapheme.unicodeScalars {
                let v = scalar.value
                let light = v <= 4351 || (8192...8205).contains(v) || (8208...8223).contains(v) || (8242...8247).contains(v)
                weight += light ? 100 : 200
            }
        }
        return weight / 100
    }

    /// Mastodon length (docs/platforms/mastodon.md, "Text limits"): grapheme clusters, each http(s) URL = 23,
    /// `@user@remote.domain` counts as `@user`.
    static func mastodonLength(_ text: String) -> Int {
        let (rest, urlCount) = splitURLs(text)
        let mention = try! NSRegularExpression(pattern: #"(@[A-Za-z0-9_]+)@[A-Za-z0-9.\-]+[A-Za-z0-9]"#)
        let short = mention.stringByReplacingMatches(in: rest, range: NSRange(rest.startIndex..., in: rest), withTemplate: "$1")
        return short.count + urlCount * 23
    }

    /// Threads length (docs/platforms/threads.md, "Text and links"): characters, but an emoji counts as its UTF-8 byte length.
    static func threadsLength(_ text: String) -> Int {
        text.reduce(0) { $0 + (isEmoji($1) ? String($1).utf8.count : 1) }
    }

    /// UTF-16 length: the strict reading of "characters" for Meta and LinkedIn limits (NOTES.md).
    static func utf16Length(_ text: String) -> Int { text.utf16.count }

    /// Whether a grapheme is an emoji (presentation emoji, VS16 or ZWJ sequence, keycap, flag).
    static func isEmoji(_ grapheme: Character) -> Bool {
        let scalars = grapheme.unicodeScalars
        guard let first = scalars.first else { return false }
        if first.properties.isEmojiPresentation { return true }
        if scalars.contains(where: { $0.value == 0xFE0F || $0.value == 0x200D || $0.value == 0x20E3 }) {
            return first.properties.isEmoji
        }
        return false
    }
}
