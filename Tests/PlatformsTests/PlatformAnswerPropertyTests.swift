import Foundation
import PropertyBased
import PropertySoup
import SocialCore
import Testing

@testable import Platforms

/// Properties of what we read from platforms and people: text counts under any limits, limits
/// and dates from answers, and typed server addresses. None of them may trap, and each result
/// is inside the range the rest of the service computes with.
@Suite struct PlatformAnswerPropertyTests {
    static let textPieces = [
        " ", "\n", "a", "é", "e\u{301}", "日本", "👍", "👩‍👩‍👧‍👦", "🇬🇧", "#tag", "@ada", "@ada@mastodon.social", "https://", "http://",
        "rose-ash.example", "example.com", "/path", "?q=1", ".", ",", ")", "www.", "x.co",
    ]

    static let fixedRules: [TextRules] = [.twitter, .threads, .linkedIn, .facebook, .instagram, .mastodon()]

    @Test func everyPlatformCountsAnyTextWithoutTrapping() async {
        await propertyCheck(count: 300, input: Soup.text(Self.textPieces, parts: 0...40)) { text in
            for rules in Self.fixedRules {
                let count = rules.count(text)
                #expect(count >= 0)
                // Nothing weighs more than two per UTF-8 byte, plus each link's fixed weight.
                let links = text.utf8.count / 4 + 1
                #expect(count <= 2 * text.utf8.count + links * (rules.urlWeight ?? 0), "\(text)")
                _ = rules.problems(text)
            }
        }
    }

    @Test func mastodonCountsUnderAnyLimitsEvenHugeOrNegative() async {
        await propertyCheck(count: 500, input: Soup.int, Soup.int, Soup.text(Self.textPieces, parts: 0...20)) { limit, weight, text in
            let rules = TextRules.mastodon(maxCharacters: limit, charactersPerURL: weight)
            let count = rules.count(text)
            #expect(count >= 0, "limit \(limit) weight \(weight): \(text)")
            _ = rules.problems(text)
        }
    }

    @Test func limitsReadFromAServerAreAlwaysPlausible() async {
        await propertyCheck(count: 200, input: Soup.int, Soup.int) { limit, weight in
            let transport = MastodonScriptedTransport { _ in
                MastodonScriptedTransport.json(
                    200, #"{"configuration":{"statuses":{"max_characters":\#(limit),"characters_reserved_per_url":\#(weight)}}}"#)
            }
            let client = MastodonPlatform(appStore: MemoryMastodonAppStore(), transport: transport, timeout: .seconds(1))
            let rules = await client.textRules(for: MastodonCompatibilityTests.credentials)
            #expect(TextRules.plausibleLimits.contains(rules.limit), "limit \(limit)")
            #expect(rules.urlWeight.map { TextRules.plausibleURLWeights.contains($0) } ?? true, "weight \(weight)")
            #expect(rules.limit == (TextRules.plausibleLimits.contains(limit) ? limit : 500))
            _ = rules.count("Read https://rose-ash.example/a https://rose-ash.example/b and https://rose-ash.example/c")
        }
    }

    @Test func tokenLifetimesFromAnswersGiveStorableExpiries() async throws {
        let now = Date()
        await propertyCheck(count: 500, input: Soup.int, Gen.bool) { seconds, asString in
            let value = asString ? "\"\(seconds)\"" : "\(seconds)"
            let json = #"{"access_token":"t","expires_in":\#(value)}"#
            guard let tokens = try? JSONDecoder().decode(OAuthTokenResponse.self, from: Data(json.utf8)) else { return }
            let expiry = tokens.expiresAt(from: now)
            #expect(expiry.map { SafeDate.checked($0) != nil } ?? true, "expires_in \(seconds)")
        }
        let doubles = ["1e300", "-1e300", "1.5", "9223372036854775808"]
        for value in doubles {
            let json = #"{"access_token":"t","expires_in":\#(value)}"#
            let tokens = try #require(try? JSONDecoder().decode(OAuthTokenResponse.self, from: Data(json.utf8)))
            #expect(tokens.expiresAt(from: now).map { SafeDate.checked($0) != nil } ?? true)
        }
    }

    @Test func rateLimitHeadersGiveStorableRetryTimes() async {
        let numbers = ["1e308", "-1e308", "NaN", "Infinity", "9223372036854775807", "1.5", "0"]
        await propertyCheck(count: 500, input: Soup.int, Gen<String?>.element(of: numbers), Gen.bool) { integer, text, useText in
            let number = useText ? (text ?? "0") : String(integer)
            let response = PlatformHTTPResponse(
                status: 429,
                headers: [
                    "x-rate-limit-reset": number,
                    "x-ratelimit-reset": "\(number)-01-01T00:00:00.000000Z",
                    "x-app-usage": #"{"call_count":\#(number),"total_time":\#(number)}"#,
                    "x-business-use-case-usage": #"{"1":[{"call_count":\#(number),"estimated_time_to_regain_access":\#(number)}]}"#,
                ], body: Data())
            for date in [TwitterPlatform.retryAfter(response), MastodonPlatform.retryAfter(response), MetaUsage(response)?.retryAfter(from: Date())] {
                #expect(date.map { SafeDate.checked($0) != nil } ?? true, "\(number)")
            }
        }
    }

    static let instancePieces = [
        "https://", "http://", "ftp://", "@", "ada", "mastodon.social", ".", "-", ":", "443", "99999999999999999999", "/", "?", "#", "[", "]", "::1",
        "xn--", " ", "%20",
    ]

    @Test func instanceNormalisationGivesABareHTTPSOriginOrARefusal() async {
        await propertyCheck(count: 1000, input: Soup.text(Self.instancePieces, parts: 0...10)) { text in
            guard let url = try? MastodonInstance.normalize(text) else { return }
            #expect(url.scheme == "https", "\(text)")
            #expect(!(url.host ?? "").isEmpty, "\(text)")
            #expect(url.path.isEmpty && url.query == nil && url.fragment == nil && url.user == nil, "\(text)")
            #expect(url.port.map { (1...65535).contains($0) } ?? true, "\(text)")
        }
    }
}
