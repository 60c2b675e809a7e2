import Foundation
import PostgresNIO
import SocialCore
import Testing

@testable import FragmentService

/// The figures behind the queue gauges, the same from the memory and the PostgreSQL repositories.
@Suite struct QueueStatisticsTests {
    /// Two events (one resolved), then three jobs: one due an hour ago, one delayed a day, one
    /// parked for a reconnect; checks each count and that the ages are the due job's and the
    /// waiting event's.
    static func check(
        events: some PublishEventRepository, jobs: some AutoShareRepository, connections: (Int64, Int64) = (1, 2), ruleID: Int64 = 1,
        itemID: Int64 = 1, record: (String) async throws -> Int64
    ) async throws {
        #expect(try await events.queueStatistics() == QueueStatistics(waiting: 0, oldestAge: nil))
        #expect(try await jobs.queueStatistics() == AutoShareQueueStatistics(waiting: 0, parked: 0, oldestDueAge: nil))
        let first = try await record("e1")
        let second = try await record("e2")
        try await events.markResolved(id: second, contentItemID: itemID)
        let eventQueue = try await events.queueStatistics()
        #expect(eventQueue.waiting == 1)
        #expect((0..<3600).contains(eventQueue.oldestAge ?? -1))

        let (a, b) = connections
        _ = try await jobs.enqueue(
            eventID: first, ruleID: ruleID, connectionID: a, userID: "u1", message: nil, runAfter: Date().addingTimeInterval(-3600))
        _ = try await jobs.enqueue(
            eventID: second, ruleID: ruleID, connectionID: a, userID: "u1", message: nil, runAfter: Date().addingTimeInterval(86400))
        _ = try await jobs.enqueue(
            eventID: first, ruleID: ruleID, connectionID: b, userID: "u1", message: nil, runAfter: Date().addingTimeInterval(86400))
        let parked = try #require(try await jobs.jobs(userID: "u1", limit: 10).first { $0.connectionID == b })
        try await jobs.park(id: parked.id, reason: "Waiting: reconnect", retryAt: Date().addingTimeInterval(86400), attempted: false)
        let jobQueue = try await jobs.queueStatistics()
        #expect(jobQueue.waiting == 2)
        #expect(jobQueue.parked == 1)
        // Due an hour ago: waited about an hour (a generous window, so a slow machine cannot fail it).
        #expect((3500..<7200).contains(jobQueue.oldestDueAge ?? -1), "\(jobQueue)")
    }

    @Test func memoryRepositories() async throws {
        let events = MemoryPublishEventRepository()
        try await Self.check(events: events, jobs: MemoryAutoShareRepository()) { id in
            try await events.record(NewPublishEvent(appID: "blog", eventID: id, contentType: "blog_post", url: "https://blog.rose-ash.example/\(id)"))
                .event.id
        }
    }

    @Test(.enabled(if: TestDatabase.isAvailable)) func postgresRepositories() async throws {
        try await TestDatabase.withDatabase { client in
            let first = try await TestDatabase.userWithConnection(client)
            let connections = PostgresConnectionRepository(
                client: client, fernet: try Fernet(keyList: FernetKey.generate()), logger: TestDatabase.logger)
            guard
                case .created(let second) = try await connections.connect(
                    userID: "u1", platform: .linkedin, result: ConnectionRepositoryTests.result("li1"))
            else { throw HarnessFailure("the connection was not created") }
            let rules = PostgresRuleRepository(client: client, logger: TestDatabase.logger)
            let input = try JSONDecoder().decode(ShareRuleInput.self, from: Data(#"{"connection_id":\#(first.id),"mode":"auto"}"#.utf8))
            let rule = try #require(try await rules.save(input, id: nil, userID: "u1"))
            try await PostgresContentAppRepository(client: client, fernet: try Fernet(keyList: FernetKey.generate()), logger: TestDatabase.logger)
                .save(PublishWebhookTests.blog)
            var itemID: Int64 = 0
            let rows = try await client.query(
                "INSERT INTO content_items (canonical_url, content_type, title) VALUES ('https://blog.rose-ash.example/x', 'blog_post', 'X') RETURNING id"
            )
            for try await id in rows.decode(Int64.self) { itemID = id }
            let events = PostgresPublishEventRepository(client: client, logger: TestDatabase.logger)
            try await Self.check(
                events: events, jobs: PostgresAutoShareRepository(client: client, logger: TestDatabase.logger), connections: (first.id, second.id),
                ruleID: rule.id, itemID: itemID
            ) { id in
                try await events.record(
                    NewPublishEvent(appID: "blog", eventID: id, contentType: "blog_post", url: "https://blog.rose-ash.example/\(id)")
                )
                .event.id
            }
        }
    }
}
