import Platforms

/// Stores the outcomes of one share order as their platforms answer, in as few statements as
/// the answers allow (a "group commit"), without holding any outcome back for a slow account.
///
/// One write is in flight at a time. Outcomes are gathered while some account of the order is
/// still posting, until none has arrived for `quiet` or the oldest has waited `longest`, and
/// are then written in one statement; the last account's answer ends the gathering at once.
/// Outcomes that arrive during a write are gathered the same way for the next one. So accounts
/// that answer in one burst share one statement however many they are, each outcome is stored
/// at most `longest` after its platform answered (plus the write ahead of it) — never at the
/// pace of the slowest account (an Instagram container can take a minute) — and a share's last answer is
/// stored without waiting. Why gather at all: 50 posts answered "at the same time" still reach
/// the service one by one over tens of milliseconds (more than 100 in a debug build), much
/// longer than a write takes, so writing whenever nothing is in flight costs a statement for
/// nearly every account.
///
/// Every caller gets its own row back, or the error of the write that carried its outcome; a
/// failed write leaves its attempts pending, and the lease makes them unconfirmed later
/// (`ShareRepository.pendingLease`) — nothing is posted again.
actor ShareOutcomeWriter<Shares: ShareRepository> {
    private struct Waiting {
        let shareID: Int64
        let result: ShareResult
        let arrived: ContinuousClock.Instant
        let reply: CheckedContinuation<ShareRecord, any Error>
    }

    private let shares: Shares
    private let expected: Int
    private let quiet: Duration
    private let longest: Duration
    private var arrivals = 0
    private var lastArrival = ContinuousClock.now
    private var waiting: [Waiting] = []
    private var writing = false
    /// The writer's pause while gathering, ended by its timer or by the last arrival.
    private var pausing: CheckedContinuation<Void, Never>?
    private var pauseEnded = false

    /// A writer for an order with `expected` started attempts.
    init(shares: Shares, expected: Int, quiet: Duration, longest: Duration) {
        self.shares = shares
        self.expected = expected
        self.quiet = quiet
        self.longest = longest
    }

    /// How many outcomes wait for the write in flight (tests).
    var waitingCount: Int { waiting.count }

    /// Stores the outcome of attempt `shareID` and returns the stored row.
    func finish(shareID: Int64, result: ShareResult) async throws -> ShareRecord {
        let now = ContinuousClock.now
        arrivals += 1
        lastArrival = now
        if arrivals >= expected { endPause() }
        guard !writing else {
            return try await withCheckedThrowingContinuation { reply in
                waiting.append(Waiting(shareID: shareID, result: result, arrived: now, reply: reply))
            }
        }
        // This caller writes: its own outcome with those gathered around it, then the next
        // gathering, until none waits. The actor is free while it pauses and writes.
        writing = true
        var own: Result<ShareRecord, any Error>?
        var batch: [(shareID: Int64, result: ShareResult, reply: CheckedContinuation<ShareRecord, any Error>?)] = [(shareID, result, nil)]
        var oldest = now
        while true {
            await gather(since: oldest)
            batch += waiting.map { ($0.shareID, $0.result, $0.reply) }
            waiting = []
            let written: Result<[Int64: ShareRecord], any Error>
            do {
                written = .success(try await shares.finish(Dictionary(batch.map { ($0.shareID, $0.result) }) { _, last in last }))
            } catch {
                written = .failure(error)
            }
            for entry in batch {
                let answer: Result<ShareRecord, any Error> = written.flatMap { rows in
                    guard let row = rows[entry.shareID] else { return .failure(PostgresRepositoryError.noRowReturned) }
                    return .success(row)
                }
                if let reply = entry.reply { reply.resume(with: answer) } else { own = answer }
            }
            guard let next = waiting.first else { break }
            batch = []
            oldest = next.arrived
        }
        writing = false
        guard let own else { throw PostgresRepositoryError.noRowReturned }
        return try own.get()
    }

    /// Returns once every expected outcome has arrived, none has for `quiet`, or the outcome
    /// that arrived at `oldest` has waited `longest`.
    private func gather(since oldest: ContinuousClock.Instant) async {
        // A cancelled task cannot pause (its sleep ends at once): it writes what it has.
        while expected > arrivals, !Task.isCancelled {
            let deadline = min(lastArrival.advanced(by: quiet), oldest.advanced(by: longest))
            guard ContinuousClock.now < deadline else { return }
            // Arrivals meanwhile move `lastArrival` on; the loop looks again when the pause ends.
            await pause(until: deadline)
        }
    }

    private func pause(until deadline: ContinuousClock.Instant) async {
        pauseEnded = false
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                try? await Task.sleep(until: deadline)
                await self.endPause()
            }
            await withCheckedContinuation { wake in
                if pauseEnded { wake.resume() } else { pausing = wake }
            }
            group.cancelAll()
        }
    }

    private func endPause() {
        pauseEnded = true
        pausing?.resume()
        pausing = nil
    }
}
