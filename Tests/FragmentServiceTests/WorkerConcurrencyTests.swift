import Foundation
import Platforms
import PostgresNIO
import SocialCore
import Synchronization
import Testing

@testable import FragmentService

/// Auto-share jobs and publish-event resolution run side by side, within their limits.
/// Platforms and pages are held at a `Gate`, so every assertion is about what is in flight or
/// finished at a given point, never about how long anything took. The time limit only stops a
/// test that would otherwise wait forever (the one-at-a-time worker does).
@Suite(.timeLimit(.minutes(1)))
struct WorkerConcurrencyTests {
    @Test func whileOneJobIsStuckAtItsPlatformTheJobsForTheOtherAccountsFinish() async throws {
        let bench = AutoShareBench(holding: [.instagram])
        // The slow one is the oldest job, so a worker running jobs in turn would wait on it first.
        try await bench.queue([.instagram, .mastodon, .twitter, .linkedin, .threads, .facebook])
        let others = ["mastodon", "twitter", "linkedin", "threads", "facebook"]
        async let drained: Void = bench.worker(concurrency: 16, perPlatform: 4).drain()
        await bench.gate.until { counts in counts.inFlight("instagram") == 1 && others.allSatisfy { counts.finished($0) == 1 } }
        await bench.gate.releaseAll()
        await drained
        let jobs = try await bench.all()
        #expect(jobs.count == 6)
        #expect(jobs.allSatisfy { $0.state == .done && $0.outcome == .published })
    }

    @Test func noMoreJobsOfOnePlatformRunAtOnceThanItsLimitAndTheRestAreNotLeasedMeanwhile() async throws {
        let bench = AutoShareBench(holding: [.mastodon])
        let accounts = try await bench.queue(Array(repeating: .mastodon, count: 10) + Array(repeating: .twitter, count: 5))
        let mastodon = Set(accounts.prefix(10))
        async let drained: Void = bench.worker(concurrency: 16, perPlatform: 3).drain()
        // Mastodon is full at three; X's jobs still run and finish beside them.
        await bench.gate.until { $0.inFlight("mastodon") == 3 && $0.finished("twitter") == 5 }
        let waiting = try await bench.all().filter { mastodon.contains($0.connectionID) }
        #expect(waiting.filter { $0.attempts == 1 }.count == 3)
        #expect(waiting.filter { $0.attempts == 0 }.count == 7)
        await bench.gate.releaseAll()
        await drained
        #expect(await bench.gate.counts.maxInFlight["mastodon"] == 3)
        #expect(await bench.gate.counts.finished("mastodon") == 10)
        #expect(try await bench.all().allSatisfy { $0.outcome == .published })
    }

    @Test func mastodonAccountsOnDifferentServersDoNotShareALimit() async throws {
        let bench = AutoShareBench(holding: [.mastodon])
        // Six accounts on two servers, two at a time per server: four in flight, then the rest.
        try await bench.queue(Array(repeating: .mastodon, count: 6), instance: { "https://server\($0 % 2).example" })
        async let drained: Void = bench.worker(concurrency: 16, perPlatform: 2).drain()
        await bench.gate.until { $0.inFlight("mastodon") == 4 }
        #expect(try await bench.all().filter { $0.attempts == 1 }.count == 4)
        await bench.gate.releaseAll()
        await drained
        #expect(await bench.gate.counts.maxInFlight["mastodon"] == 4)
        #expect(try await bench.all().allSatisfy { $0.outcome == .published })
    }

    @Test func theJobsOfOneEventClaimedTogetherGoOutAsOneShareOrder() async throws {
        let bench = AutoShareBench(holding: [])
        let accounts = try await bench.queue(PlatformName.allCases + [.mastodon, .mastodon], instance: { "https://server\($0).example" })
        await bench.worker(concurrency: 16, perPlatform: 4).drain()
        // One start for every account (one connections read and one insert in PostgreSQL).
        #expect(await bench.shares.starts == [accounts])
        let jobs = try await bench.all()
        #expect(jobs.count == accounts.count && jobs.allSatisfy { $0.state == .done && $0.outcome == .published && $0.shareID != nil })
    }

    @Test func withNSlotsAtMostNJobsAreInFlightAndOnlyThoseAreLeased() async throws {
        let bench = AutoShareBench(holding: Set(PlatformName.allCases))
        try await bench.queue(PlatformName.allCases.flatMap { Array(repeating: $0, count: 3) })
        async let drained: Void = bench.worker(concurrency: 5, perPlatform: 4).drain()
        await bench.gate.until { $0.total == 5 }
        #expect(try await bench.all().map(\.attempts).reduce(0, +) == 5)
        await bench.gate.releaseAll()
        await drained
        #expect(await bench.gate.counts.maxTotal == 5)
        let jobs = try await bench.all()
        #expect(jobs.count == PlatformName.allCases.count * 3)
        #expect(jobs.allSatisfy { $0.outcome == .published && $0.attempts == 1 })
    }

    @Test func whileOnePageIsSlowTheOtherEventsAreResolved() async throws {
        let slow = "https://blog.rose-ash.example/slow"
        let gate = Gate(holding: [slow])
        let (events, worker) = try await Self.resolver(
            gate: gate, urls: [slow] + (0..<9).map { "https://blog.rose-ash.example/p\($0)" }, concurrency: 3)
        async let drained: Void = worker.drain()
        await gate.until { counts in counts.inFlight(slow) == 1 && (0..<9).allSatisfy { counts.finished("https://blog.rose-ash.example/p\($0)") == 1 }
        }
        await gate.releaseAll()
        await drained
        #expect(try await events.recent(author: nil, limit: 20).allSatisfy { $0.state == .resolved })
        #expect(await gate.counts.maxTotal <= 3)
    }

    @Test func withNSlotsAtMostNPagesAreFetchedAtOnceAndOnlyThoseEventsAreClaimed() async throws {
        let urls = (0..<10).map { "https://blog.rose-ash.example/p\($0)" }
        let gate = Gate(holding: Set(urls))
        let (events, worker) = try await Self.resolver(gate: gate, urls: urls, concurrency: 3)
        async let drained: Void = worker.drain()
        await gate.until { $0.total == 3 }
        #expect(try await events.recent(author: nil, limit: 20).map(\.attempts).reduce(0, +) == 3)
        await gate.releaseAll()
        await drained
        #expect(await gate.counts.maxTotal == 3)
        #expect(try await events.recent(author: nil, limit: 20).allSatisfy { $0.state == .resolved && $0.attempts == 1 })
    }

    /// A switch the test flips while the worker runs.
    final class Flag: Sendable {
        let value: Atomic<Bool>
        init(_ value: Bool) { self.value = Atomic(value) }
    }

    @Test func whileRequestsArriveOnePageIsResolvedAtATimeAndAllSlotsReturnAfterwards() async throws {
        let urls = (0..<6).map { "https://blog.rose-ash.example/q\($0)" }
        let gate = Gate(holding: Set(urls))
        let busy = Flag(true)
        var (events, worker) = try await Self.resolver(gate: gate, urls: urls, concurrency: 3)
        worker.giveWay = { busy.value.load(ordering: .relaxed) }
        async let drained: Void = worker.drain()
        await gate.until { $0.total == 1 }
        // Requests are arriving: one event claimed (leased), the rest left for later.
        #expect(try await events.recent(author: nil, limit: 20).map(\.attempts).reduce(0, +) == 1)
        let counts = await gate.counts
        let first = try #require(urls.first { counts.inFlight($0) == 1 })
        busy.value.store(false, ordering: .relaxed)
        await gate.release(first)
        // Quiet again: the next claim fills every slot.
        await gate.until { $0.total == 3 }
        #expect(try await events.recent(author: nil, limit: 20).map(\.attempts).reduce(0, +) == 4)
        await gate.releaseAll()
        await drained
        #expect(try await events.recent(author: nil, limit: 20).allSatisfy { $0.state == .resolved && $0.attempts == 1 })
    }

    @Test func foregroundActivityIsBusyOnlyWithinItsWindowAfterARequestBegan() async throws {
        let long = ForegroundActivity(window: .seconds(600))
        #expect(!long.isBusy)  // no request yet
        long.noteRequest()
        #expect(long.isBusy)
        let short = ForegroundActivity(window: .milliseconds(1))
        short.noteRequest()
        try await Task.sleep(for: .milliseconds(20))
        #expect(!short.isBusy)
    }

    /// One stored event per URL and a worker whose page fetches pass `gate`.
    static func resolver(
        gate: Gate, urls: [String], concurrency: Int
    ) async throws
        -> (MemoryPublishEventRepository, PublishEventWorker<MemoryContentAppRepository, MemoryPublishEventRepository, MemoryContentItemRepository>)
    {
        let events = MemoryPublishEventRepository()
        for (index, url) in urls.enumerated() {
            _ = try await events.record(
                NewPublishEvent(appID: "blog", eventID: "e\(index)", contentType: "blog_post", url: url, title: "Post \(index)"))
        }
        let worker = PublishEventWorker(
            apps: MemoryContentAppRepository([PublishWebhookTests.blog]), events: events, items: MemoryContentItemRepository(),
            pages: GatedPages(gate: gate), signal: WakeSignal(), logger: TestEnvironment.logger, concurrency: concurrency)
        return (events, worker)
    }
}

@Suite(.enabled(if: TestDatabase.isAvailable, "set TEST_DATABASE_URL (make test does)"))
struct PostgresAutoShareClaimTests {
    @Test func claimsKeepToEachLanesRoomAndTwoWorkersClaimingAtOnceNeverTakeTheSameJob() async throws {
        try await TestDatabase.withDatabase { client in
            let x = try await TestDatabase.userWithConnection(client)
            let fernet = try Fernet(keyList: FernetKey.generate())
            let connections = PostgresConnectionRepository(client: client, fernet: fernet, logger: TestDatabase.logger)
            guard
                case .created(let mastodon) = try await connections.connect(
                    userID: "u1", platform: .mastodon, result: ConnectionRepositoryTests.result("m1"))
            else { throw HarnessFailure("the Mastodon connection was not created") }
            let rule = try #require(
                try await PostgresRuleRepository(client: client, logger: TestDatabase.logger).save(
                    try JSONDecoder().decode(ShareRuleInput.self, from: Data(#"{"connection_id":\#(x.id),"mode":"auto"}"#.utf8)), id: nil,
                    userID: "u1"))
            try await PostgresContentAppRepository(client: client, fernet: fernet, logger: TestDatabase.logger).save(PublishWebhookTests.blog)
            let events = PostgresPublishEventRepository(client: client, logger: TestDatabase.logger)
            let jobs = PostgresAutoShareRepository(client: client, logger: TestDatabase.logger)
            for index in 0..<12 {
                let event = try await events.record(
                    NewPublishEvent(
                        appID: "blog", eventID: "e\(index)", contentType: "blog_post", url: "https://blog.rose-ash.example/\(index)", title: "T")
                ).event
                for connection in [x.id, mastodon.id] {
                    _ = try await jobs.enqueue(
                        eventID: event.id, ruleID: rule.id, connectionID: connection, userID: "u1", message: nil,
                        runAfter: Date().addingTimeInterval(-1))
                }
            }

            // X has two jobs in flight of three, Mastodon none: one X job and three Mastodon ones.
            let first = try await jobs.claimDue(limit: 4, perLane: 3, busy: ["twitter": 2])
            #expect(first.filter { $0.platform == .twitter }.count == 1 && first.filter { $0.platform == .mastodon }.count == 3)
            #expect(first.allSatisfy { $0.platform == ($0.connectionID == x.id ? .twitter : .mastodon) && $0.attempts == 1 })
            #expect(first.allSatisfy { $0.lane == ($0.connectionID == x.id ? "twitter" : "mastodon https://mastodon.social") })
            #expect(try await jobs.claimDue(limit: 5, perLane: 2, busy: ["twitter": 2, "mastodon https://mastodon.social": 3]).isEmpty)

            // Two workers (two repositories, as two instances would have) claim at once until nothing is left.
            let second = PostgresAutoShareRepository(client: client, logger: TestDatabase.logger)
            let taken = try await withThrowingTaskGroup(of: [Int64].self) { group in
                for repository in [jobs, second] {
                    group.addTask {
                        var ids: [Int64] = []
                        while true {
                            let batch = try await repository.claimDue(limit: 3, perLane: 2, busy: [:])
                            if batch.isEmpty { return ids }
                            ids += batch.map(\.id)
                        }
                    }
                }
                return try await group.reduce(into: [Int64]()) { $0 += $1 }
            }
            #expect(taken.count == 20)
            #expect(Set(taken).count == 20)
            #expect(Set(taken).isDisjoint(with: first.map(\.id)))
        }
    }
}

@Suite(.enabled(if: TestDatabase.isAvailable, "set TEST_DATABASE_URL (make test does)"))
struct PostgresAutoShareLaneTests {
    @Test func everyMastodonServerIsALaneOfItsOwnAndEveryOtherPlatformIsOne() async throws {
        try await TestDatabase.withDatabase { client in
            let x = try await TestDatabase.userWithConnection(client)
            let fernet = try Fernet(keyList: FernetKey.generate())
            let connections = PostgresConnectionRepository(client: client, fernet: fernet, logger: TestDatabase.logger)
            var mastodon: [Int64] = []
            for (index, instance) in ["https://Social.Example", "https://social.example", "https://other.example"].enumerated() {
                var result = ConnectionRepositoryTests.result("m\(index)")
                result.extraData = ["instance_url": instance]
                guard case .created(let connection) = try await connections.connect(userID: "u1", platform: .mastodon, result: result)
                else { throw HarnessFailure("the Mastodon connection was not created") }
                mastodon.append(connection.id)
            }
            let rule = try #require(
                try await PostgresRuleRepository(client: client, logger: TestDatabase.logger).save(
                    try JSONDecoder().decode(ShareRuleInput.self, from: Data(#"{"connection_id":\#(x.id),"mode":"auto"}"#.utf8)), id: nil,
                    userID: "u1"))
            try await PostgresContentAppRepository(client: client, fernet: fernet, logger: TestDatabase.logger).save(PublishWebhookTests.blog)
            let events = PostgresPublishEventRepository(client: client, logger: TestDatabase.logger)
            let jobs = PostgresAutoShareRepository(client: client, logger: TestDatabase.logger)
            for index in 0..<2 {
                let event = try await events.record(
                    NewPublishEvent(
                        appID: "blog", eventID: "e\(index)", contentType: "blog_post", url: "https://blog.rose-ash.example/\(index)", title: "T")
                ).event
                for connection in [x.id] + mastodon {
                    _ = try await jobs.enqueue(
                        eventID: event.id, ruleID: rule.id, connectionID: connection, userID: "u1", message: nil,
                        runAfter: Date().addingTimeInterval(-1))
                }
            }
            // One job of each lane: X, social.example (two spellings of one server), other.example.
            let claimed = try await jobs.claimDue(limit: 10, perLane: 1, busy: [:])
            #expect(claimed.compactMap(\.lane).sorted() == ["mastodon https://other.example", "mastodon https://social.example", "twitter"])
            // The memory repository draws the same lanes.
            #expect(AutoShareJob.lane(platform: .mastodon, instanceURL: "https://Social.Example") == "mastodon https://social.example")
            #expect(AutoShareJob.lane(platform: .twitter, instanceURL: "https://mastodon.social") == "twitter")
        }
    }
}
