import Foundation
import Logging
import Platforms
import SocialCore
import Testing

@testable import FragmentService

/// A share order to many accounts costs the database a fixed number of calls, answers each
/// account once in the order asked, and never pretends an outcome was stored when it was not.
@Suite struct ShareOrderBatchTests {
    @Test func fiftyAccountsGetFiftyOutcomesInOrderFromOneReadOneStartAndOneWrite() async throws {
        try await ConnectFlow.with { flow, deps, _ in
            let connections = CountedConnections()
            let shares = ObservedShares()
            var service = ShareService(connections: connections, shares: shares, registry: deps.registry, logger: TestEnvironment.logger)
            // Long enough for every answer to arrive however slow the test machine: the write
            // then waits exactly until the last account has answered.
            service.outcomeQuiet = .seconds(60)
            service.outcomeLongestWait = .seconds(60)
            let ids = try await flow.mastodonAccounts(50, into: connections)
            // The form names one account twice (account=…&account=… for the same id).
            let asked = Array(ids[..<20]) + [ids[7]] + Array(ids[20...])
            let outcomes = await service.share(ShareServiceTests.order(asked))
            #expect(outcomes.map(\.connectionID) == ids)
            #expect(outcomes.allSatisfy { $0.kind == .published }, "\(outcomes.filter { $0.kind != .published }.prefix(3))")
            #expect(Set(outcomes.compactMap(\.shareID)).count == 50)
            #expect(try await flow.posts("mastodon").count == 50)
            #expect(await connections.batchReads == 1)
            #expect(await connections.singleReads == 0)
            #expect(await shares.starts == [ids])
            // Every outcome was written, each exactly once, all in one write.
            #expect(await shares.writes == [outcomes.compactMap(\.shareID).sorted()])
        }
    }

    @Test func accountsThatCannotBePostedToAreAnsweredInPlaceWithoutAnyAttempt() async throws {
        try await ConnectFlow.with { flow, deps, _ in
            let connections = CountedConnections()
            let shares = ObservedShares()
            let service = ShareService(connections: connections, shares: shares, registry: deps.registry, logger: TestEnvironment.logger)
            let ids = try await flow.mastodonAccounts(2, into: connections)
            let grace = try await flow.mastodonAccounts(1, user: "demo-grace", into: connections)
            let outcomes = await service.share(ShareServiceTests.order([9999, ids[1], grace[0], ids[0], 9999]))
            #expect(outcomes.map(\.connectionID) == [9999, ids[1], grace[0], ids[0]])
            #expect(outcomes.map(\.kind) == [.notFound, .published, .notFound, .published])
            #expect(await shares.starts == [[ids[1], ids[0]]])

            // Nobody's accounts at all: nothing is started or written.
            let none = await service.share(ShareServiceTests.order([grace[0]]))
            #expect(none.map(\.kind) == [.notFound])
            #expect(await shares.starts.count == 1)
        }
    }

    @Test func aFailedBatchedWriteReportsEachAccountAsFailedOnOurSideAndLeavesItPendingSoNothingIsPostedAgain() async throws {
        try await ConnectFlow.with { flow, deps, _ in
            let connections = CountedConnections()
            let memory = MemoryShareRepository()
            let failing = ObservedShares(memory, failing: nil)
            let service = ShareService(connections: connections, shares: failing, registry: deps.registry, logger: TestEnvironment.logger)
            let ids = try await flow.mastodonAccounts(3, into: connections)
            let outcomes = await service.share(ShareServiceTests.order(ids, key: "form-write-fails"))
            // As any failure on our side has always been reported for an account.
            #expect(outcomes == ids.map(ShareService<CountedConnections, ObservedShares>.failedOnOurSide))
            #expect(outcomes.allSatisfy { $0.kind == .failed && $0.errorKind == .transient })
            #expect(await failing.writes.flatMap { $0 }.count == 3)
            let rows = try await memory.liveShares(userID: "demo-ada", url: "https://blog.rose-ash.example/posts/kiln")
            #expect(ids.map { rows[$0]?.status } == [.pending, .pending, .pending])
            #expect(try await flow.posts("mastodon").count == 3)

            // Trying again (a new form) while those are pending posts nothing: they are in progress
            // until the lease makes them unconfirmed.
            let working = ShareService(connections: connections, shares: memory, registry: deps.registry, logger: TestEnvironment.logger)
            let again = await working.share(ShareServiceTests.order(ids))
            #expect(again.map(\.kind) == [.inProgress, .inProgress, .inProgress])
            #expect(try await flow.posts("mastodon").count == 3)
        }
    }
}
