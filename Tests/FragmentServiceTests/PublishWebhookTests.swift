import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@testable import FragmentService

@Suite struct PublishWebhookTests {
    static let blog = ContentApp(
        id: "blog", displayName: "Blog", signingSecret: "blog-signing-secret-0123456789abcdef0123",
        allowedOrigins: ["https://blog.rose-ash.example"], feedURL: nil)

    static func body(eventID: String = "evt-1", url: String = "https://blog.rose-ash.example/posts/kiln", extra: String = "") -> String {
        #"{"event_id":"\#(eventID)","content_type":"blog_post","url":"\#(url)","title":"Kiln diaries","tags":["pottery"],"author":"user-1","published_at":"2026-11-24T10:00:00Z"\#(extra)}"#
    }

    static func headers(_ body: String, app: String = "blog", secret: String = blog.signingSecret, at time: Date = Date()) -> HTTPFields {
        let timestamp = Int(time.timeIntervalSince1970)
        return [
            .contentType: "application/json",
            HTTPField.Name(WebhookSignature.appHeader)!: app,
            HTTPField.Name(WebhookSignature.timestampHeader)!: "\(timestamp)",
            HTTPField.Name(WebhookSignature.signatureHeader)!: WebhookSignature.sign(body: Array(body.utf8), timestamp: timestamp, secret: secret),
        ]
    }

    @Test func signedEventIsAcceptedStoredResolvedAndListed() async throws {
        let deps = AppDependencies.inMemory(apps: [Self.blog])
        let app = try await buildApplication(configuration: TestEnvironment.configuration(), dependencies: deps, logger: TestEnvironment.logger)
        let token = try await TestEnvironment.token(sub: "user-1")
        try await app.test(.router) { client in
            let body = Self.body()
            try await client.execute(uri: "/webhooks/publish", method: .post, headers: Self.headers(body), body: ByteBuffer(string: body)) {
                response in
                #expect(response.status == .accepted)
                #expect(String(buffer: response.body).contains(#""event_id":"evt-1""#))
            }
            let worker = PublishEventWorker(
                apps: deps.apps, events: deps.events, items: deps.items, pages: nil, signal: deps.eventSignal, logger: TestEnvironment.logger)
            await worker.drain()
            try await client.execute(uri: "/api/v1/events", method: .get, headers: [.authorization: "Bearer \(token)"]) { response in
                #expect(response.status == .ok)
                let text = String(buffer: response.body)
                #expect(text.contains(#""state":"resolved""#))
                #expect(text.contains(#""url":"https://blog.rose-ash.example/posts/kiln""#))
            }
            #expect(try await deps.items.find(canonicalURL: "https://blog.rose-ash.example/posts/kiln")?.title == "Kiln diaries")
            // Another person sees none of it.
            let other = try await TestEnvironment.token(sub: "user-2")
            try await client.execute(uri: "/api/v1/events", method: .get, headers: [.authorization: "Bearer \(other)"]) { response in
                #expect(String(buffer: response.body) == #"{"events":[]}"#)
            }
        }
    }

    @Test func theSameEventIDTwiceIsStoredOnceAndAnsweredTheSame() async throws {
        let deps = AppDependencies.inMemory(apps: [Self.blog])
        let app = try await buildApplication(configuration: TestEnvironment.configuration(), dependencies: deps, logger: TestEnvironment.logger)
        try await app.test(.router) { client in
            let body = Self.body()
            var answers: [String] = []
            for _ in 0..<2 {
                try await client.execute(uri: "/webhooks/publish", method: .post, headers: Self.headers(body), body: ByteBuffer(string: body)) {
                    #expect($0.status == .accepted)
                    answers.append(String(buffer: $0.body))
                }
            }
            #expect(answers[0] == answers[1])
            #expect(try await deps.events.recent(author: nil, limit: 10).count == 1)
        }
    }

    @Test func unsignedStaleForgedOrUnknownRequestsAreRefusedBeforeDecoding() async throws {
        let deps = AppDependencies.inMemory(apps: [Self.blog])
        let app = try await buildApplication(configuration: TestEnvironment.configuration(), dependencies: deps, logger: TestEnvironment.logger)
        try await app.test(.router) { client in
            let body = Self.body()
            let cases: [(HTTPFields, String)] = [
                ([.contentType: "application/json"], "required"),
                (Self.headers(body, at: Date().addingTimeInterval(-301)), "5 minutes"),
                (Self.headers(body, at: Date().addingTimeInterval(400)), "5 minutes"),
                (Self.headers(body, secret: "another-secret-that-is-long-enough-000000"), "signature"),
                (Self.headers(body, app: "market"), "Unknown content app"),
            ]
            for (headers, words) in cases {
                try await client.execute(uri: "/webhooks/publish", method: .post, headers: headers, body: ByteBuffer(string: body)) { response in
                    #expect(response.status == .unauthorized)
                    #expect(String(buffer: response.body).contains(words))
                    #expect(response.headers[.contentType] == "application/json")
                }
            }
            // A body altered after signing.
            var headers = Self.headers(body)
            headers[HTTPField.Name(WebhookSignature.signatureHeader)!] = WebhookSignature.sign(
                body: Array(Self.body(eventID: "evt-2").utf8), timestamp: Int(Date().timeIntervalSince1970), secret: Self.blog.signingSecret)
            try await client.execute(uri: "/webhooks/publish", method: .post, headers: headers, body: ByteBuffer(string: body)) {
                #expect($0.status == .unauthorized)
            }
            #expect(try await deps.events.recent(author: nil, limit: 10).isEmpty)
        }
    }

    @Test func badJSONAndBadFieldsGetClear4xx() async throws {
        let app = try await buildApplication(
            configuration: TestEnvironment.configuration(), dependencies: .inMemory(apps: [Self.blog]), logger: TestEnvironment.logger)
        try await app.test(.router) { client in
            for (body, status, words) in [
                ("{not json", HTTPResponse.Status.badRequest, "not valid JSON"),
                (#"{"event_id":"e"}"#, .badRequest, "lacks the field"),
                (#"{"event_id":"e","content_type":"blog_post","url":"https://x","tags":"one"}"#, .badRequest, "tags"),
                (Self.body(url: "https://evil.example/post"), .unprocessableContent, "registered origins"),
                (Self.body(url: "javascript:alert(1)"), .unprocessableContent, "http(s)"),
                (
                    Self.body(extra: #","image":"file:///etc/passwd""#).replacingOccurrences(of: "blog_post", with: "podcast"), .unprocessableContent,
                    "content_type"
                ),
            ] {
                try await client.execute(uri: "/webhooks/publish", method: .post, headers: Self.headers(body), body: ByteBuffer(string: body)) {
                    response in
                    #expect(response.status == status, "\(body)")
                    #expect(String(buffer: response.body).contains(words), "\(body)")
                }
            }
            let huge = Self.body(extra: #","description":""# + String(repeating: "x", count: 70_000) + #"""#)
            try await client.execute(uri: "/webhooks/publish", method: .post, headers: Self.headers(huge), body: ByteBuffer(string: huge)) {
                #expect($0.status == .contentTooLarge)
            }
        }
    }
}

/// Webhooks are verified against apps kept for a few seconds, and a re-registered
/// secret still works at once.
@Suite struct VerifiedAppCacheTests {
    @Test func aRotatedSecretIsAcceptedAtOnceAndTheOldOneOnlyUntilTheCachedAppExpires() async throws {
        let deps = AppDependencies.inMemory(apps: [PublishWebhookTests.blog])
        let app = try await buildApplication(configuration: TestEnvironment.configuration(), dependencies: deps, logger: TestEnvironment.logger)
        try await app.test(.router) { client in
            func send(_ eventID: String, secret: String) async throws -> HTTPResponse.Status {
                let body = PublishWebhookTests.body(eventID: eventID)
                return try await client.execute(
                    uri: "/webhooks/publish", method: .post, headers: PublishWebhookTests.headers(body, secret: secret),
                    body: ByteBuffer(string: body)
                ) { $0.status }
            }
            let old = PublishWebhookTests.blog.signingSecret
            #expect(try await send("e1", secret: old) == .accepted)
            var rotated = PublishWebhookTests.blog
            rotated.signingSecret = "blog-rotated-secret-abcdef0123456789abcdef"
            try await deps.apps.save(rotated)
            // The new secret is checked against the database at once.
            #expect(try await send("e2", secret: rotated.signingSecret) == .accepted)
            // The old one no longer matches the app now remembered.
            #expect(try await send("e3", secret: old) == .unauthorized)
            #expect(try await send("e4", secret: "not-the-secret-at-all-0123456789abcdef") == .unauthorized)
        }
    }

    @Test func anAppIsKeptForItsMaximumAgeOnly() {
        let cache = VerifiedAppCache(maxAge: 5)
        let now = Date()
        cache.remember(PublishWebhookTests.blog, now: now)
        #expect(cache.app(id: "blog", now: now.addingTimeInterval(4)) == PublishWebhookTests.blog)
        #expect(cache.app(id: "blog", now: now.addingTimeInterval(6)) == nil)
        #expect(cache.app(id: "market", now: now) == nil)
    }
}
