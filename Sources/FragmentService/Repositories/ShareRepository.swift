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
    /// Records a pending attempt for each of `connectionIDs` (one share order: same URL, text and
    /// idempotency key) unless the database says it must not happen (same key, or the URL already
    /// live on the account and the account is not in `shareAgain`). Stale pending attempts of the
    /// URL on the refused accounts are made unconfirmed before they are described (they stay live:
    /// an unconfirmed share may be on the platform). An id given twice is started once.
    /// An id missing from the answer could not be started or classified (its conflicting row
    /// changed before it could be read): nothing was recorded for it, so it must not be posted.
    /// `messages` holds the text of accounts that post their own instead of `message`; each row
    /// records the text its account posts.
    func start(
        connectionIDs: [Int64], userID: String, url: String, title: String?, message: String?, messages: [Int64: String],
        idempotencyKey: String, shareAgain: Set<Int64>, origin: ShareOrigin
    ) async throws -> [Int64: ShareStart]
    /// Stores the outcomes of several attempts (share id → result) in one write and returns the
    /// stored rows by share id; an unknown id is absent. All are stored, or none (it throws).
    func finish(_ results: [Int64: ShareResult]) async throws -> [Int64: ShareRecord]
    /// The person's shares that pass `filter`, newest first, in one statement.
    func history(userID: String, filter: ShareHistoryFilter, limit: Int, offset: Int) async throws -> [ShareHistoryEntry]
    /// The live share of `url` per connection of the person (for the "already shared" marks).
    func liveShares(userID: String, url: String) async throws -> [Int64: ShareRecord]
}

extension ShareRepository {
    /// `start` with one text for every account.
    func start(
        connectionIDs: [Int64], userID: String, url: String, title: String?, message: String?, idempotencyKey: String,
        shareAgain: Set<Int64>, origin: ShareOrigin
    ) async throws -> [Int64: ShareStart] {
        try await start(
            connectionIDs: connectionIDs, userID: userID, url: url, title: title, message: message, messages: [:],
            idempotencyKey: idempotencyKey, shareAgain: shareAgain, origin: origin)
    }

    /// `start` for one connection.
    func start(
        connectionID: Int64, userID: String, url: String, title: String?, message: String?, idempotencyKey: String, shareAgain: Bool,
        origin: ShareOrigin
    ) async throws -> ShareStart {
        let found = try await start(
            connectionIDs: [connectionID], userID: userID, url: url, title: title, message: message, idempotencyKey: idempotencyKey,
            shareAgain: shareAgain ? [connectionID] : [], origin: origin)
        guard let start = found[connectionID] else { throw PostgresRepositoryError.noRowReturned }
        return start
    }

    /// Every one of the person's shares, newest first.
    func history(userID: String, limit: Int, offset: Int) async throws -> [ShareHistoryEntry] {
        try await history(userID: userID, filter: .none, limit: limit, offset: offset)
    }

    /// `finish` for one attempt.
    func finish(id: Int64, result: ShareResult) async throws -> ShareRecord {
        guard let record = try await finish([id: result])[id] else { throw PostgresRepositoryError.noRowReturned }
        return record
    }
}
