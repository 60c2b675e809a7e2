import Foundation
import PostgresNIO
import Platforms
import SocialCore
import Testing

@testable import FragmentService

@Suite(.enabled(if: TestDatabase.isAvailable, "set TEST_DATABASE_URL (make test does)"))
struct PublishEventStorageTests {
    @Test func eventsAreStoredOnceClaimedUnderALeaseAndResolvedIntoOneRecordPerURL() async throws {
        try await TestDatabase.withDatabase { client in
            let fernet = try Fernet(keyList: FernetKey.generate())
            let apps = PostgresContentAppRepository(client: client, fernet: fernet, logger: TestDatabase.logger)
            try await apps.save(PublishWebhookTests.blog)
            #expect(try await apps.find(id: "blog") == PublishWebhookTests.blog)
            // The secret is not stored in the clear.
            for try await stored in try await client.query("SELECT signing_secret_enc FROM content_apps").decode(String.self) {
                #expect(stored != PublishWebhookTests.blog.signingSecret)
            }

            let events = PostgresPublishEventRepository(client: client, logger: TestDatabase.logger)
            let new = NewPublishEvent(appID: "blog", eventID: "e1", contentType: "blog_post", url: "https://blog.rose-ash.example/a", title: "A")
            let first = try await events.record(new)
            let second = try await events.record(new)
            #expect(first.created && !second.created)
            #expect(first.event.id == second.event.id)

            let claimed = try await events.claimPending(limit: 10, maxAttempts: 5)
            #expect(claimed.map(\.eventID) == ["e1"])
            // Leased: a second worker finds nothing until the lease lapses.
            #expect(try await events.claimPending(limit: 10, maxAttempts: 5).isEmpty)

            let items = PostgresContentItemRepository(client: client, logger: TestDatabase.logger)
            let worker = PublishEventWorker(apps: apps, events: events, items: items, pages: nil, signal: WakeSignal(), logger: TestDatabase.logger)
            try await client.query("UPDATE publish_events SET next_attempt_at = now()")
            await worker.drain()
            let listed = try await events.recent(author: nil, limit: 5)
            #expect(listed.first?.state == .resolved)
            let itemID = try #require(listed.first?.contentItemID)
            #expect(try await items.upsert(ContentRecord.merge(event: listed[0], scraped: nil, app: PublishWebhookTests.blog)) == itemID)
        }
    }
}

@Suite(.enabled(if: TestDatabase.isAvailable, "set TEST_DATABASE_URL (make test does)"))
struct MastodonAppStoreTests {
    @Test func appsAreKeptPerInstanceWithTheSecretEncrypted() async throws {
        try await TestDatabase.withDatabase { client in
            let store = PostgresMastodonAppStore(client: client, fernet: try Fernet(keyList: FernetKey.generate()), logger: TestDatabase.logger)
            let instance = URL(string: "https://mastodon.social")!
            #expect(try await store.app(for: instance) == nil)
            let app = MastodonAppCredentials(
                instanceURL: instance, clientID: "cid", clientSecret: "client-secret-value", redirectURI: "http://x/cb",
                scopes: "write:statuses read:accounts")
            try await store.save(app)
            #expect(try await store.app(for: instance) == app)
            for try await stored in try await client.query("SELECT client_secret_enc FROM mastodon_apps").decode(String.self) {
                #expect(!stored.contains("client-secret-value"))
            }
            try await store.remove(instanceURL: instance)
            #expect(try await store.app(for: instance) == nil)
        }
    }
}
