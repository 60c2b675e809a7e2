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
        #expect(await client.textRules(for: Self.credentials) == .mastodon(maxCharacters: 5000, charactersPerURL: 23))
        _ = await client.textRules(for: Self.credentials)
        #expect(transport.requests.count == 2)
    }

    @Test func serversWithoutLimitsGetTheDocumentedDefault() async {
        let transport = MastodonScriptedTransport { _ in MastodonScriptedTransport.json(200, #"{"title":"a pleroma"}"#) }
        #expect(await Self.client(transport).textRules(for: Self.credentials) == .mastodon())
    }

    @Test func numericIdsAndMissingStatusURLStillPublishWithABuiltURL() async {
        let transport = MastodonScriptedTransport { request in
            request.url.path == "/api/v1/statuses" ? MastodonScriptedTransport.json(200, #"{"id":42,"url":null}"#)
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
            request.url.path == "/api/v1/statuses" ? MastodonScriptedTransport.json(200, #"{"id":"1","url":"https://social.example/@ada/1"}"#)
                : MastodonScriptedTransport.html(404)
        }
        _ = await Self.client(transport).share(ShareContent(url: "https://blog.example/1", title: "T", idempotencyKey: "key-9"), using: Self.credentials)
        // Text rules (v2, v1 instance), software detection (NodeInfo, v2, v1 instance), the post.
        #expect(transport.requests.count == 6)
        #expect(transport.requests.allSatisfy { $0.destination == .untrusted && $0.timeout == .seconds(7) })
        #expect(!transport.requests.contains { $0.url.absoluteString.contains("secret-token-value") })
        let post = transport.requests.last
        #expect(post?.headers.contains { $0.0 == "Idempotency-Key" && $0.1 == "key-9" } == true)
    }
}
