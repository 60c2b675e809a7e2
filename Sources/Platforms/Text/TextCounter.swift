import Foundation
import SocialCore

/// The counting algorithms behind `TextRules`.
struct TextCounter {
    let rules: TextRules

    // http(s) URLs up to whitespace, without trailing punctuation that usually ends a sentence.
    private static let schemeURL = try! NSRegularExpression(pattern: #"https?://[^\s<>"]+[^\s<>".,;:!?)\]'’]"#, options: [.caseInsensitive])
    private static let bareDomain = try! NSRegularExpression(
        pattern: #"(?<![\w@/.-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}(?:/[^\s<>"]*[^\s<>".,;:!?)\]'’])?"#, options: [.caseInsensitive])
    private static let remoteMention = try! NSRegularExpression(
        pattern: #"(?<![\w])@([a-z0-9_]+)@[a-z0-9.-]+\.[a-z]{2,}"#, options: [.caseInsensitive])

    func count(_ raw: String) -> Int {
        var text = raw
        if rules.counting == .weighted { text = text.precomposedStringWithCanonicalMapping }
        if rules.counting == .graphemes {
            // Mastodon counts a remote mention only by its local part (StatusLengthValidator).
            text = Self.remoteMention.stringByReplacingMatches(
                in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "@$1")
        }
        // Rules are plain values anyone can build: a weight outside the plausible range is
        // clamped, and the sum saturates, so no rule makes counting trap.
        let urlWeight = rules.urlWeight.map { BoundedNumber.clamp($0, to: TextRules.plausibleURLWeights) }
        var total = 0
        var rest = text[...]
        for range in linkRanges(in: text) {
            total = Self.add(total, measure(rest[rest.startIndex..<range.range.lowerBound]))
            let linkLength = measure(text[range.range])
            if let weight = urlWeight {
                total = Self.add(total, range.hasScheme ? weight : max(weight, linkLength))
            } else {
                total = Self.add(total, linkLength)
            }
            rest = text[range.range.upperBound...]
        }
        return Self.add(total, measure(rest))
    }

    private static func add(_ a: Int, _ b: Int) -> Int {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? Int.max : sum
    }

    func links(in text: String) -> [String] {
        Self.matches(Self.schemeURL, in: text).map { String(text[$0]) }
    }

    func tokens(in text: String, prefix: Character) -> Int {
        text.split(whereSeparator: \.isWhitespace).filter { $0.first == prefix && $0.count > 1 }.count
    }

    private func linkRanges(in text: String) -> [(range: Range<String.Index>, hasScheme: Bool)] {
        var found = Self.matches(Self.schemeURL, in: text).map { (range: $0, hasScheme: true) }
        if rules.bareDomainsAreLinks {
            for range in Self.matches(Self.bareDomain, in: text) where !found.contains(where: { $0.range.overlaps(range) }) {
                found.append((range, false))
            }
        }
        return found.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    private static func matches(_ regex: NSRegularExpression, in text: String) -> [Range<String.Index>] {
        regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { Range($0.range, in: text) }
    }

    private func measure(_ text: Substring) -> Int {
        switch rules.counting {
        case .utf16: return text.utf16.count
        case .graphemes, .characters: return text.count
        case .graphemesEmojiAsUTF8: return text.reduce(0) { $0 + (Self.isEmoji($1) ? String($1).utf8.count : 1) }
        case .weighted:
            let weight = text.reduce(0) { sum, character in
                if Self.isEmoji(character) { return sum + 200 }
                return sum + character.unicodeScalars.reduce(0) { $0 + Self.twitterWeight($1) }
            }
            return (weight + 99) / 100
        }
    }

    /// twitter-text v3 ranges that weigh 100; everything else weighs 200.
    private static func twitterWeight(_ scalar: Unicode.Scalar) -> Int {
        switch scalar.value {
        case 0...4351, 8192...8205, 8208...8223, 8242...8247: 100
        default: 200
        }
    }

    /// A grapheme that renders as an emoji: presentation emoji, or an emoji-capable scalar
    /// followed by VS16, or a multi-scalar emoji sequence (ZWJ, skin tone, flags, keycaps).
    static func isEmoji(_ character: Character) -> Bool {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return false }
        if first.properties.isEmojiPresentation { return true }
        if scalars.contains(where: { $0.value == 0xFE0F || $0.value == 0x20E3 }) { return first.properties.isEmoji }
        if scalars.count > 1, first.properties.isEmoji, scalars.dropFirst().contains(where: { $0.properties.isEmoji || $0.value == 0x200D }) {
            return first.value > 0x7F
        }
        return false
    }
}
