import Foundation

/// A platform's rules for post text, so the share page counts characters exactly as the
/// platform does and a share that would be refused is flagged before any call.
package struct TextRules: Sendable, Equatable {
    /// How the platform measures text.
    package enum Counting: Sendable, Equatable {
        /// X: twitter-text v3 weights (most code points 1, CJK and emoji 2; NFC first). docs/platforms/twitter.md, "Counting text".
        case weighted
        /// Mastodon: grapheme clusters; `@user@domain` counts as `@user`. docs/platforms/mastodon.md, "Text limits".
        case graphemes
        /// Threads: characters, but an emoji counts as its UTF-8 byte length. docs/platforms/threads.md, "Text and links".
        case graphemesEmojiAsUTF8
        /// Bluesky: grapheme clusters, every character as written (links in full, mentions too).
        /// docs/platforms/bluesky.md, "Limits".
        case characters
        /// Facebook, Instagram, LinkedIn: no documented unit; UTF-16 code units, the larger of
        /// the plausible counts, so we never promise a fit the platform refuses.
        case utf16
    }

    package var limit: Int
    package var counting: Counting
    /// Weight of each URL when the platform shortens links (X, Mastodon: 23); nil = full length.
    package var urlWeight: Int?
    /// Whether URLs without a scheme (`example.com`) may be treated as links (X) — counted as
    /// at least `urlWeight` then, so the count is never below the platform's.
    package var bareDomainsAreLinks: Bool = false
    package var maxLinks: Int?
    /// A second limit in UTF-8 bytes, checked beside `limit` (Bluesky: 3,000); nil = none.
    package var maxUTF8Bytes: Int?
    package var maxHashtags: Int?
    package var maxMentions: Int?

    /// The limits we believe from a platform's answer; outside them the answer is ignored.
    /// Mastodon forks raise `max_characters` to tens of thousands; none reaches a million.
    package static let plausibleLimits: ClosedRange<Int> = 1...1_000_000
    /// The URL weights we believe from a platform's answer (Mastodon: 23).
    package static let plausibleURLWeights: ClosedRange<Int> = 0...plausibleLimits.upperBound

    package static let twitter = TextRules(limit: 280, counting: .weighted, urlWeight: 23, bareDomainsAreLinks: true)
    package static func mastodon(maxCharacters: Int = 500, charactersPerURL: Int = 23) -> TextRules {
        TextRules(limit: maxCharacters, counting: .graphemes, urlWeight: charactersPerURL)
    }
    package static let threads = TextRules(limit: 500, counting: .graphemesEmojiAsUTF8, urlWeight: nil, maxLinks: 5)
    /// 300 graphemes and 3,000 UTF-8 bytes (docs/platforms/bluesky.md, "Limits").
    package static let bluesky = TextRules(limit: 300, counting: .characters, urlWeight: nil, maxUTF8Bytes: 3000)
    package static let linkedIn = TextRules(limit: 3000, counting: .utf16, urlWeight: nil)
    package static let facebook = TextRules(limit: 63_206, counting: .utf16, urlWeight: nil)
    package static let instagram = TextRules(limit: 2200, counting: .utf16, urlWeight: nil, maxHashtags: 30, maxMentions: 20)

    /// The length of `text` as the platform counts it.
    package func count(_ text: String) -> Int {
        TextCounter(rules: self).count(text)
    }

    /// What would make the platform refuse `text`, as sentences; empty when it fits.
    package func problems(_ text: String) -> [String] {
        var problems: [String] = []
        let length = count(text)
        if length > limit { problems.append("Too long: \(length) of \(limit) characters.") }
        if let maxUTF8Bytes, text.utf8.count > maxUTF8Bytes {
            problems.append("Too long: \(text.utf8.count) of \(maxUTF8Bytes) bytes (emoji and many scripts take several bytes each).")
        }
        let counter = TextCounter(rules: self)
        if let maxLinks, counter.links(in: text).count > maxLinks {
            problems.append("Too many links: at most \(maxLinks).")
        }
        if let maxHashtags, counter.tokens(in: text, prefix: "#") > maxHashtags {
            problems.append("Too many hashtags: at most \(maxHashtags).")
        }
        if let maxMentions, counter.tokens(in: text, prefix: "@") > maxMentions {
            problems.append("Too many mentions: at most \(maxMentions).")
        }
        return problems
    }
}
