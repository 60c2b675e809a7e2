import Foundation
import PostgresNIO
import SocialCore
import Testing

@testable import FragmentService

/// An event whose resolution kills the worker every time
/// is given up with a visible reason after its attempts, instead of killing every restart.
@Suite struct PoisonInputTests {
    /// Claims the event `maxAttempts` times without settling it, as a worker that dies would,
    /// then checks the next claim gives it up with its reason.
    static func exhaust(_ events: some PublishEventRepository, maxAttempts: Int = 3) async throws {
        let (event, _) = try await events.record(
            NewPublishEvent(appID: "blog", eventID: "poison", contentType: "blog_post", url: "https://blog.rose-ash.example/p", title: "P"))
        for attempt in 1...maxAttempts {
            let claimed = try await events.claimPending(limit: 10, maxAttempts: maxAttempts)
            #expect(claimed.map(\.id) == [event.id])
            #expect(claimed.first?.attempts == attempt)
        }
        #expect(try await events.claimPending(limit: 10, maxAttempts: maxAttempts).isEmpty)
        let stored = try #require(try await events.event(id: event.id))
        #expect(stored.state == .failed)
        #expect(stored.stateDetail == PublishEvent.exhaustedPrefix(maxAttempts) + PublishEvent.diedWhileResolving)
    }

    @Test func aPublishEventThatKeepsKillingItsWorkerIsGivenUpWithAReason() async throws {
        try await Self.exhaust(MemoryPublishEventRepository(lease: 0))
        guard TestDatabase.isAvailable else { return }
        try await TestDatabase.withDatabase { client in
            try await PostgresContentAppRepository(client: client, fernet: try Fernet(keyList: FernetKey.generate()), logger: TestDatabase.logger)
                .save(PublishWebhookTests.blog)
            try await Self.exhaust(PostgresPublishEventRepository(client: client, logger: TestDatabase.logger, lease: 0))
        }
    }

    @Test func theLastRecordedProblemIsKeptInTheReason() async throws {
        let events = MemoryPublishEventRepository(lease: 0)
        let (event, _) = try await events.record(
            NewPublishEvent(appID: "blog", eventID: "e", contentType: "blog_post", url: "https://blog.rose-ash.example/p", title: "P"))
        _ = try await events.claimPending(limit: 1, maxAttempts: 1)
        try await events.markFailed(id: event.id, detail: "Internal error while resolving; will retry.", final: false)
        await events.clearBackOff(id: event.id)
        #expect(try await events.claimPending(limit: 1, maxAttempts: 1).isEmpty)
        #expect(try await events.event(id: event.id)?.stateDetail == PublishEvent.exhaustedPrefix(1) + "Internal error while resolving; will retry.")
    }
}
