import Foundation
import Testing

@testable import Platforms

/// Behaviour against servers that are Mastodon-compatible but not Mastodon, and the request policy.
@Suite struct MastodonCompatibilityTests {
    static let credentials = StoredCredentials(
        platformUserID: "7@social.example", username: "ada", accessToken: "secret-token-value", extraData: ["instance_url": "https://social.example"])

    static func client(_ transport: MastodonScriptedTransport) -> MastodonPlatform {
        MastodonPlatform(appStore: MemoryMastodonAppStore(), transport: transport, timeout: .seconds(7))
    }

    @Test func textRulesFallBackToV1InstanceAndAreCachedPerInstance() async {
        let transport = MastodonScriptedTransport { request in
            switch request.url.path {
            case "/api/v2/instance": MastodonScriptedTransport.html(404)
            case "/api/v1/instance": MastodonScriptedTransport.json(200, #"{"configuration":{"statuses":{"max_characters":5000}}}"#)
            default: nil
            }
        }
        let client = Self.client(transport)
        // Nothing says this is Mastodon, so links count at full length.
        var expected = TextRules.mastodon(maxCharacters: 5000)
        expected.urlWeight = nil
        #expect(await client.textRules(for: Self.credentials) == expected)
        _ = await client.textRules(for: Self.credentials)
        // NodeInfo and both instance documents for the software, both documents for the limits; then cached.
        #expect(transport.requests.count == 5)
    }

    @Test func serversWithoutLimitsGetTheDocumentedDefault() async {
        let transport = MastodonScriptedTransport { _ in MastodonScriptedTransport.json(200, #"{"title":"a pleroma"}"#) }
        var expected = TextRules.mastodon()
        expected.urlWeight = nil
        #expect(await Self.client(transport).textRules(for: Self.credentials) == expected)
    }

    @Test func onlyMastodonCountsALinkAs23AndAkkomasV1LimitIsRead() async {
        let mastodon = MastodonScriptedTransport { request in
            request.url.path == "/api/v2/instance"
                ? MastodonScriptedTransport.json(
                    200, #"{"api_versions":{"mastodon":7},"configuration":{"statuses":{"max_characters":500,"characters_reserved_per_url":23}}}"#)
                : MastodonScriptedTransport.html(404)
        }
        #expect(await Self.client(mastodon).textRules(for: Self.credentials) == .mastodon(maxCharacters: 500, charactersPerURL: 23))
        let akkoma = MastodonScriptedTransport { request in
            request.url.path == "/api/v1/instance"
                ? MastodonScriptedTransport.json(200, #"{"version":"2.7.2 (compatible; Akkoma 3.16.0)","max_toot_chars":5000}"#)
                : MastodonScriptedTransport.html(404)
        }
        var expected = TextRules.mastodon(maxCharacters: 5000)
        expected.urlWeight = nil
        #expect(await Self.client(akkoma).textRules(for: Self.credentials) == expected)
    }

    @Test func numericIdsAndMissingStatusURLStillPublishWithABuiltURL() async {
        let transport = MastodonScriptedTransport { request in
            request.url.path == "/api/v1/statuses"
                ? MastodonScriptedTransport.json(200, #"{"id":42,"url":null}"#)
                : MastodonScriptedTransport.json(200, #"{"configuration":{"statuses":{"max_characters":500}}}"#)
        }
        let result = await Self.client(transport).share(
            ShareContent(url: "https://blog.example/1", title: "T", idempotencyKey: "k-1"), using: Self.credentials)
        #expect(result == .published(id: "42", url: "https://social.example/@ada/42"))
    }

    @Test func nonJSONErrorBodiesStillMapAndNeverEchoTheToken() async {
        let transport = MastodonScriptedTransport { request in
            request.url.path == "/api/v1/statuses" ? MastodonScriptedTransport.html(422) : MastodonScriptedTransport.html(404)
        }
        let result = await Self.client(transport).share(
            ShareContent(url: "https://blog.example/1", title: "T", idempotencyKey: "k-1"), using: Self.credentials)
        #expect(result.outcome == .failed && result.errorKind == .rejectedContent)
        #expect(!(result.message ?? "").contains("secret-token-value") && !(result.message ?? "").contains("<html"))
    }

    @Test func everyRequestIsUntrustedWithTheConfiguredTimeoutAndTheIdempotencyKey() async {
        let transport = MastodonScriptedTransport { request in
            request.url.path == "/api/v1/statuses"
                ? MastodonScriptedTransport.json(200, #"{"id":"1","url":"https://social.example/@ada/1"}"#)
                : MastodonScriptedTransport.html(404)
        }
        _ = await Self.client(transport).share(
            ShareContent(url: "https://blog.example/1", title: "T", idempotencyKey: "key-9"), using: Self.credentials)
        // Software detection (NodeInfo, v2, v1) and text rules (v2, v1); detection is asked again
        // when it learnt nothing (the share's own look-up); then the post.
        #expect(transport.requests.count == 9)
        #expect(transport.requests.allSatisfy { $0.destination == .untrusted && $0.timeout == .seconds(7) })
        #expect(!transport.requests.contains { $0.url.absoluteString.contains("secret-token-value") })
        let post = transport.requests.last
        // The order's key, made the account's own (a Pleroma or Akkoma server shares keys between accounts).
        let key = MastodonPlatform.idempotencyKey("key-9", account: Self.credentials.platformUserID)
        #expect(post?.headers.contains { $0.0 == "Idempotency-Key" && $0.1 == key } == true)
    }
}
