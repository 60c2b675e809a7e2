import Foundation
import Platforms

/// Auto-share jobs: created once per (event, connection), leased while running, finished with an
/// outcome, or parked with a visible reason while the connection needs reconnecting.
protocol AutoShareRepository: Sendable {
    /// Creates each job unless one exists for its event and connection (in one statement);
    /// returns how many were created.
    func enqueue(_ jobs: [NewAutoShareJob]) async throws -> Int
    /// Takes due jobs, leasing each so a second worker (or a restart) does not run it at once.
    /// The attempt is counted as it is claimed, before any work, so a job that kills its worker
    /// every time cannot loop: once it has used `AutoShareJob.maxAttempts`, the next claim
    /// finishes it as failed with a visible reason instead of running it.
    ///
    /// Takes at most `limit` jobs in all and at most `perLane` of each lane (the API server a
    /// job posts to, `AutoShareJob.lane`), less the `busy` jobs of that lane the worker already
    /// runs. Claimed jobs carry their platform and lane. Workers ask only for the slots they have
    /// free, so no lease is spent waiting.
    func claimDue(limit: Int, perLane: Int, busy: [String: Int]) async throws -> [AutoShareJob]
    func finish(id: Int64, outcome: AutoShareJob.Outcome, shareID: Int64?, detail: String?) async throws
    /// Parks the job with a reason the person can see, to try again at `retryAt`. `attempted`
    /// false gives the claim's attempt back: the job only waited (for a reconnect, or for
    /// another attempt still in flight) and nothing was tried.
    func park(id: Int64, reason: String, retryAt: Date, attempted: Bool) async throws
    /// The person's jobs, newest first.
    func jobs(userID: String, limit: Int) async throws -> [AutoShareJob]
    /// Jobs waiting and parked, and how long the longest-due job has waited (one cheap read).
    func queueStatistics() async throws -> AutoShareQueueStatistics
}

/// A job to create: one event, shared automatically to one connection by one rule.
struct NewAutoShareJob: Sendable, Equatable {
    var eventID: Int64
    var ruleID: Int64
    var connectionID: Int64
    var userID: String
    var message: String?
    var runAfter: Date
}

extension AutoShareRepository {
    /// Creates the job unless one exists for this event and connection; true when created.
    func enqueue(eventID: Int64, ruleID: Int64, connectionID: Int64, userID: String, message: String?, runAfter: Date) async throws -> Bool {
        try await enqueue([
            NewAutoShareJob(eventID: eventID, ruleID: ruleID, connectionID: connectionID, userID: userID, message: message, runAfter: runAfter)
        ]) == 1
    }

    /// Takes up to `limit` due jobs, whatever their lanes.
    func claimDue(limit: Int) async throws -> [AutoShareJob] {
        try await claimDue(limit: limit, perLane: limit, busy: [:])
    }
}
