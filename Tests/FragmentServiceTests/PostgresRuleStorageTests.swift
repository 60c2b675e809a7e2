import Foundation
import Platforms
import PostgresNIO
import SocialCore
import Testing

@testable import FragmentService

@Suite(.enabled(if: TestDatabase.isAvailable, "set TEST_DATABASE_URL (make test does)"))
struct PostgresRuleStorageTests {
    @Test func rulesAndAutoShareJobsPersistPerOwnerAndJobsAreUniquePerEventAndAccount() async throws {
        try await TestDatabase.withDatabase { client in
            try await client.query("INSERT INTO users (id) VALUES ('u1'), ('u2')")
            let connections = PostgresConnectionRepository(
                client: client, fernet: try Fernet(keyList: FernetKey.generate()), logger: TestDatabase.logger)
            guard
                case .created(let c) = try await connections.connect(
                    userID: "u1", platform: .mastodon, result: ConnectionRepositoryTests.result("1@m.example"))
            else { return }
            let rules = PostgresRuleRepository(client: client, logger: TestDatabase.logger)
            var input = try JSONDecoder().decode(
                ShareRuleInput.self, from: Data(#"{"connection_id":\#(c.id),"mode":"auto","tags":["pottery"],"tags_match":"all"}"#.utf8))
            let rule = try #require(try await rules.save(input, id: nil, userID: "u1"))
            #expect(rule.tags == ["pottery"] && rule.tagsMatch == .all && rule.messageTemplate == "{title}")
            #expect(try await rules.rule(id: rule.id, userID: "u2") == nil)
            #expect(try await rules.save(input, id: rule.id, userID: "u2") == nil)
            input.enabled = false
            #expect(try await rules.save(input, id: rule.id, userID: "u1")?.enabled == false)
            #expect(try await rules.autoRules(author: "u1", appID: "blog").isEmpty)
            #expect(try await rules.delete(id: rule.id, userID: "u2") == false)

            try await PostgresContentAppRepository(client: client, fernet: try Fernet(keyList: FernetKey.generate()), logger: TestDatabase.logger)
                .save(PublishWebhookTests.blog)
            let event = try await PostgresPublishEventRepository(client: client, logger: TestDatabase.logger).record(
                NewPublishEvent(appID: "blog", eventID: "e1", contentType: "blog_post", url: "https://blog.rose-ash.example/a", title: "A")
            ).event
            let jobs = PostgresAutoShareRepository(client: client, logger: TestDatabase.logger)
            #expect(try await jobs.enqueue(eventID: event.id, ruleID: rule.id, connectionID: c.id, userID: "u1", message: "A", runAfter: Date()))
            #expect(
                try await jobs.enqueue(eventID: event.id, ruleID: rule.id, connectionID: c.id, userID: "u1", message: "A", runAfter: Date()) == false)
            let claimed = try await jobs.claimDue(limit: 5)
            #expect(claimed.count == 1)
            #expect(try await jobs.claimDue(limit: 5).isEmpty)
            try await jobs.park(id: claimed[0].id, reason: "Waiting: reconnect", retryAt: Date().addingTimeInterval(-1), attempted: true)
            #expect(try await jobs.claimDue(limit: 5).map(\.state) == [.waitingReconnect])
            try await jobs.finish(id: claimed[0].id, outcome: .published, shareID: nil, detail: nil)
            #expect(try await jobs.jobs(userID: "u1", limit: 5).first?.outcome == .published)
            #expect(try await jobs.jobs(userID: "u2", limit: 5).isEmpty)

            // Many jobs in one insert: the one already there is left alone, a missing message stays missing.
            guard
                case .created(let d) = try await connections.connect(
                    userID: "u1", platform: .mastodon, result: ConnectionRepositoryTests.result("2@m.example"))
            else { throw HarnessFailure("the second connection was not created") }
            let batch = [
                NewAutoShareJob(eventID: event.id, ruleID: rule.id, connectionID: c.id, userID: "u1", message: "again", runAfter: Date()),
                NewAutoShareJob(eventID: event.id, ruleID: rule.id, connectionID: d.id, userID: "u1", message: nil, runAfter: Date()),
            ]
            #expect(try await jobs.enqueue(batch) == 1)
            #expect(try await jobs.enqueue(batch) == 0)
            let stored = try await jobs.jobs(userID: "u1", limit: 5)
            #expect(stored.count == 2)
            #expect(stored.first { $0.connectionID == d.id }.map { $0.message == nil && $0.state == .waiting } == true)
            #expect(stored.first { $0.connectionID == c.id }?.message == "A")

            // The worker reads a claim's events and records in one statement each.
            let eventRepository = PostgresPublishEventRepository(client: client, logger: TestDatabase.logger)
            #expect(try await eventRepository.events(ids: [event.id, event.id, 999_999]).keys.sorted() == [event.id])
            let items = PostgresContentItemRepository(client: client, logger: TestDatabase.logger)
            let itemID = try await items.upsert(ContentRecord.merge(event: event, scraped: nil, app: PublishWebhookTests.blog))
            let found = try await items.find(ids: [itemID, 999_999])
            #expect(found.count == 1 && found[itemID]?.canonicalURL == "https://blog.rose-ash.example/a")
            #expect(try await items.find(id: itemID) == found[itemID])
            #expect(try await items.find(ids: []).isEmpty)
        }
    }
}
