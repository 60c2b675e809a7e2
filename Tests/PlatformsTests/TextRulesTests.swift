import Testing

@testable import Platforms

@Suite struct TextRulesTests {
    @Test func xCountsEveryURLAs23AndCJKAndEmojiAsTwo() {
        let rules = TextRules.twitter
        #expect(rules.count("hello") == 5)
        #expect(rules.count("Read https://blog.rose-ash.example/a/very/long/path/that/goes/on?and=on") == 5 + 23)
        #expect(rules.count("日本語") == 6)
        #expect(rules.count("👍") == 2)
        #expect(rules.count("👩‍👩‍👧‍👦") == 2)
        #expect(rules.count("👍🏽") == 2)
        #expect(rules.count("café") == 4)
        // e + combining acute is NFC-normalised to one character first.
        #expect(rules.count("cafe\u{301}") == 4)
        // A bare domain may be linked by X: counted as at least 23.
        #expect(rules.count("see rose.ash") == 4 + 23)
    }

    @Test func xLimitIs280Weighted() {
        let rules = TextRules.twitter
        #expect(rules.problems(String(repeating: "a", count: 280)).isEmpty)
        #expect(rules.problems(String(repeating: "a", count: 281)) == ["Too long: 281 of 280 characters."])
        #expect(!rules.problems(String(repeating: "日", count: 141)).isEmpty)
        // 250 + space + URL (23) + space + 10 = 285.
        #expect(rules.count(String(repeating: "a", count: 250) + " https://x.example/" + String(repeating: "b", count: 300)) == 274)
        #expect(rules.problems(String(repeating: "a", count: 250) + " https://x.example/ " + String(repeating: "b", count: 10)).count == 1)
    }

    @Test func mastodonCountsGraphemesURLsAs23AndRemoteMentionsByLocalPart() {
        let rules = TextRules.mastodon()
        #expect(rules.count("hi @alice@mastodon.social") == 9)
        #expect(rules.count("👩‍👩‍👧‍👦 x") == 3)
        #expect(rules.count("https://events.rose-ash.example/2026/summer-market-and-open-studios") == 23)
        // Without a scheme Mastodon does not shorten it.
        #expect(rules.count("rose-ash.example") == 16)
        #expect(TextRules.mastodon(maxCharacters: 11).problems("hello world!") == ["Too long: 12 of 11 characters."])
    }

    @Test func threadsCountsEmojiAsUTF8BytesAndAllowsFiveLinks() {
        let rules = TextRules.threads
        #expect(rules.count("ok 👍") == 3 + 4)
        #expect(rules.count("https://a.example/") == 18)
        let six = (1...6).map { "https://l\($0).example/" }.joined(separator: " ")
        #expect(rules.problems(six).contains("Too many links: at most 5."))
    }

    @Test func instagramLimitsHashtagsAndMentions() {
        let tags = (1...31).map { "#t\($0)" }.joined(separator: " ")
        #expect(TextRules.instagram.problems(tags) == ["Too many hashtags: at most 30."])
        #expect(TextRules.instagram.count("😀") == 2)
    }
}
