import Foundation
import Platforms

/// What starting a share attempt found.
enum ShareStart: Sendable, Equatable {
    /// A new pending row: go ahead and post.
    case started(ShareRecord)
    /// The same form (idempotency key) was already submitted for this account.
    case repeatedSubmission(ShareRecord)
    /// The URL is already live (published, pending or possibly published) on this account.
    case alreadyShared(ShareRecord)
}

/// A history line: the share and the account it went to.
struct ShareHistoryEntry: Sendable, Equatable {
    var share: ShareRecord
    var platform: PlatformName
    var accountName: String
}

/// Every share attempt, recorded as pending before the platform call and then with its outcome.
///
/// A pending attempt older than `pendingLease` belongs to a process that died while posting
/// (an attempt's platform calls end well within it: every call has a timeout), so whichever
/// process looks at it next makes it `unconfirmed`: it may have reached the platform, so it is
/// never posted again by itself, and the person is asked to check the account.
protocol ShareRepository: Sendable {
    /// How long an attempt may stay pending before it counts as lost.
    var pendingLease: TimeInterval { get }
    /// Makes every pending attempt older than `pendingLease` unconfirmed; returns how many.
    func expireStalePending() async throws -> Int
    /// Records a pending attempt unless the database says it must not happen (same key, or the
    /// URL already live on the account and this is not an explicit "share again"). A stale
    /// pending attempt of the same URL on the account is made unconfirmed first.
    func start(
        connectionID: Int64, userID: String, url: String, title: String?, message: String?, idempotencyKey: String, shareAgain: Bool,
        origin: String
    ) async throws -> ShareStart
    /// Stores the outcome of an attempt.
    func finish(id: Int64, result: ShareResult) async throws -> ShareRecord
    /// The person's shares, newest first.
    func history(userID: String, limit: Int, offset: Int) async throws -> [ShareHistoryEntry]
    /// The live share of `url` per connection of the person (for the "already shared" marks).
    func liveShares(userID: String, url: String) async throws -> [Int64: ShareRecord]
}
