import Foundation
import Platforms
import Testing

@testable import FragmentService

/// The group commit behind a share order: outcomes that arrive in one burst, or during a write,
/// go into one write; none waits longer than the longest wait, nor at all once every account
/// has answered.
@Suite struct ShareOutcomeWriterTests {
    /// `count` pending attempts on connections 1…count, as one order starts them.
    static func pending(_ count: Int, in shares: MemoryShareRepository) async throws -> [Int64] {
        let starts = try await shares.start(
            connectionIDs: (1...Int64(count)).map { $0 }, userID: "u1", url: "https://a.example/", title: "A", message: nil,
            idempotencyKey: "form-1", shareAgain: [], origin: .manual)
        return try (1...Int64(count)).map { id in
            guard case .started(let record) = starts[id] else { throw HarnessFailure("attempt on \(id) not started") }
            return record.id
        }
    }

    /// Polls until `condition` holds (each step yields briefly); fails the test after ~10 s.
    static func eventually(_ what: String, _ condition: () async -> Bool) async throws {
        for _ in 0..<10_000 {
            if await condition() { return }
            try await Task.sleep(for: .milliseconds(1))
        }
        throw HarnessFailure("timed out waiting for \(what)")
    }

    @Test func outcomesArrivingDuringAWriteAreWrittenTogetherInTheNextOne() async throws {
        let memory = MemoryShareRepository()
        let ids = try await Self.pending(50, in: memory)
        let shares = ObservedShares(memory, holdFirstWrite: true)
        // No gathering: the first outcome is written at once, alone.
        let writer = ShareOutcomeWriter(shares: shares, expected: 50, quiet: .zero, longest: .zero)
        try await withThrowingTaskGroup(of: ShareRecord.self) { group in
            group.addTask { try await writer.finish(shareID: ids[0], result: .published(id: "p\(ids[0])", url: nil)) }
            try await Self.eventually("the first write") { await shares.writes.count == 1 }
            for id in ids.dropFirst() {
                group.addTask { try await writer.finish(shareID: id, result: .published(id: "p\(id)", url: nil)) }
            }
            try await Self.eventually("49 waiting outcomes") { await writer.waitingCount == 49 }
            await shares.release()
            var answered: [Int64: ShareRecord] = [:]
            for try await record in group { answered[record.id] = record }
            #expect(Set(answered.keys) == Set(ids))
            #expect(answered.values.allSatisfy { $0.status == .published && $0.postID == "p\($0.id)" })
        }
        #expect(await shares.writes == [[ids[0]], Array(ids.dropFirst())])
        let live = try await memory.liveShares(userID: "u1", url: "https://a.example/")
        #expect(live.values.filter { $0.status == .published }.count == 50)
    }

    @Test func aFailedWriteFailsEveryOutcomeInItAndLeavesThemPendingWhileLaterWritesGoOn() async throws {
        let memory = MemoryShareRepository()
        let ids = try await Self.pending(5, in: memory)
        let shares = ObservedShares(memory, holdFirstWrite: true, failing: [2])
        let writer = ShareOutcomeWriter(shares: shares, expected: 5, quiet: .zero, longest: .zero)
        let answers = try await withThrowingTaskGroup(of: (Int64, Result<ShareRecord, InjectedWriteFailure>).self) { group in
            func finish(_ id: Int64) {
                group.addTask {
                    do {
                        return (id, .success(try await writer.finish(shareID: id, result: .published(id: "p\(id)", url: nil))))
                    } catch let failure as InjectedWriteFailure {
                        return (id, .failure(failure))
                    }
                }
            }
            finish(ids[0])
            try await Self.eventually("the first write") { await shares.writes.count == 1 }
            for id in ids[1...3] { finish(id) }
            try await Self.eventually("three waiting outcomes") { await writer.waitingCount == 3 }
            await shares.release()
            var answers: [Int64: Result<ShareRecord, InjectedWriteFailure>] = [:]
            for try await (id, answer) in group { answers[id] = answer }
            return answers
        }
        #expect(try answers[ids[0]]?.get().status == .published)
        for id in ids[1...3] { #expect(answers[id] == .failure(InjectedWriteFailure()), "share \(id)") }

        // A later outcome of the same order is written on its own, and succeeds.
        #expect(try await writer.finish(shareID: ids[4], result: .failed(.transient, "busy")).status == .failed)
        #expect(await shares.writes == [[ids[0]], Array(ids[1...3]), [ids[4]]])
        let live = try await memory.liveShares(userID: "u1", url: "https://a.example/")
        #expect(live.values.filter { $0.status == .pending }.map(\.id).sorted() == Array(ids[1...3]))
    }

    @Test func outcomesOfAnOrderWaitForEachOtherOnlyUntilTheLastAccountAnswers() async throws {
        let memory = MemoryShareRepository()
        let ids = try await Self.pending(3, in: memory)
        let shares = ObservedShares(memory)
        // Waits far longer than the test may take: only the last arrival can end the gathering.
        let writer = ShareOutcomeWriter(shares: shares, expected: 3, quiet: .seconds(600), longest: .seconds(600))
        let began = ContinuousClock.now
        try await withThrowingTaskGroup(of: ShareRecord.self) { group in
            for (n, id) in ids.enumerated() {
                group.addTask {
                    try await Task.sleep(for: .milliseconds(20 * n))
                    return try await writer.finish(shareID: id, result: .published(id: "p\(id)", url: nil))
                }
            }
            for try await record in group { #expect(record.status == .published) }
        }
        #expect(await shares.writes == [ids])
        #expect(ContinuousClock.now - began < .seconds(60))
    }

    @Test func aBurstOfOutcomesIsWrittenOnceItGoesQuietWhileAnotherAccountIsStillPosting() async throws {
        let memory = MemoryShareRepository()
        let ids = try await Self.pending(4, in: memory)
        let shares = ObservedShares(memory)
        let writer = ShareOutcomeWriter(shares: shares, expected: 4, quiet: .milliseconds(200), longest: .seconds(600))
        let began = ContinuousClock.now
        try await withThrowingTaskGroup(of: ShareRecord.self) { group in
            for (n, id) in ids.prefix(3).enumerated() {
                group.addTask {
                    try await Task.sleep(for: .milliseconds(10 * n))
                    return try await writer.finish(shareID: id, result: .published(id: "p\(id)", url: nil))
                }
            }
            for try await record in group { #expect(record.status == .published) }
        }
        #expect(ContinuousClock.now - began < .seconds(60))
        #expect(await shares.writes == [Array(ids.prefix(3))])
        // The slow account answers later and, being the last, is written on its own at once.
        #expect(try await writer.finish(shareID: ids[3], result: .failed(.transient, "busy")).status == .failed)
        #expect(await shares.writes == [Array(ids.prefix(3)), [ids[3]]])
    }

    @Test func anOutcomeWaitsNoLongerThanTheLongestWaitForAccountsStillPosting() async throws {
        let memory = MemoryShareRepository()
        let ids = try await Self.pending(2, in: memory)
        let shares = ObservedShares(memory)
        let writer = ShareOutcomeWriter(shares: shares, expected: 2, quiet: .seconds(600), longest: .milliseconds(100))
        let began = ContinuousClock.now
        // The other account is still posting (it may take a minute): this one is stored anyway.
        #expect(try await writer.finish(shareID: ids[0], result: .published(id: "p", url: nil)).status == .published)
        let waited = ContinuousClock.now - began
        #expect(waited >= .milliseconds(100))
        #expect(waited < .seconds(30))
        #expect(await shares.writes == [[ids[0]]])
        #expect(try await writer.finish(shareID: ids[1], result: .published(id: "q", url: nil)).status == .published)
        #expect(await shares.writes == [[ids[0]], [ids[1]]])
    }

    @Test func outcomesThatNeverGoQuietAreStillWrittenWithinTheLongestWait() async throws {
        let memory = MemoryShareRepository()
        let ids = try await Self.pending(200, in: memory)
        let shares = ObservedShares(memory)
        // Never quiet for 10 s and not complete: only the longest wait can start a write.
        let writer = ShareOutcomeWriter(shares: shares, expected: 200, quiet: .seconds(10), longest: .milliseconds(100))
        try await withThrowingTaskGroup(of: ShareRecord.self) { group in
            var sent = 0
            func send() {
                let id = ids[sent]
                sent += 1
                group.addTask { try await writer.finish(shareID: id, result: .published(id: "p\(id)", url: nil)) }
            }
            // One outcome every 30 ms until the first write starts.
            while await shares.writes.isEmpty, sent < ids.count {
                send()
                try await Task.sleep(for: .milliseconds(30))
            }
            #expect(sent < ids.count, "no write while outcomes kept arriving")
            while sent < ids.count { send() }
            for try await record in group { #expect(record.status == .published) }
        }
        let writes = await shares.writes
        #expect(writes.count >= 2)
        #expect(writes.flatMap { $0 }.sorted() == ids)
    }

    @Test func anAttemptTheDatabaseDoesNotKnowIsAnErrorForItsCallerOnly() async throws {
        let memory = MemoryShareRepository()
        let ids = try await Self.pending(1, in: memory)
        let writer = ShareOutcomeWriter(shares: memory, expected: 2, quiet: .zero, longest: .zero)
        await #expect(throws: PostgresRepositoryError.self) {
            try await writer.finish(shareID: 424_242, result: .published(id: "x", url: nil))
        }
        #expect(try await writer.finish(shareID: ids[0], result: .published(id: "y", url: nil)).status == .published)
    }
}
