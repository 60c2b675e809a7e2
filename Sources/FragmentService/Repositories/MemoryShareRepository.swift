import Foundation
import Platforms

/// `ShareRepository` in memory, for router tests; enforces the same uniqueness rules.
actor MemoryShareRepository: ShareRepository {
    private var rows: [ShareRecord] = []
    private var keys: [Int64: (connection: Int64, key: String)] = [:]
    private var nextID: Int64 = 1
    /// Connection names for history, set by tests through the connection repository's rows.
    private let names: @Sendable (Int64) async -> (PlatformName, String)?
    nonisolated let pendingLease: TimeInterval

    init(
        pendingLease: TimeInterval = PostgresShareRepository.defaultPendingLease,
        names: @escaping @Sendable (Int64) async -> (PlatformName, String)? = { _ in nil }
    ) {
        self.pendingLease = pendingLease
        self.names = names
    }

    func expireStalePending() async throws -> Int {
        expire { _ in true }
    }

    private func expire(where matches: (ShareRecord) -> Bool) -> Int {
        var count = 0
        let cutoff = Date().addingTimeInterval(-pendingLease)
        for index in rows.indices where rows[index].status == .pending && rows[index].createdAt < cutoff && matches(rows[index]) {
            rows[index].status = .unconfirmed
            rows[index].errorKind = .transient
            rows[index].errorMessage = ShareRecord.lostAttemptMessage
            count += 1
        }
        return count
    }

    /// Tests: pretends an attempt started `seconds` ago.
    func backdate(id: Int64, by seconds: TimeInterval) {
        guard let index = rows.firstIndex(where: { $0.id == id }) else { return }
        rows[index].createdAt = rows[index].createdAt.addingTimeInterval(-seconds)
    }

    private static let live: Set<ShareStatus> = [.pending, .published, .unconfirmed]

    func start(
        connectionIDs: [Int64], userID: String, url: String, title: String?, message: String?, messages: [Int64: String],
        idempotencyKey: String, shareAgain: Set<Int64>, origin: ShareOrigin
    ) async throws -> [Int64: ShareStart] {
        let asked = Set(connectionIDs)
        _ = expire { asked.contains($0.connectionID) && $0.url == url }
        var result: [Int64: ShareStart] = [:]
        for connectionID in connectionIDs where result[connectionID] == nil {
            if let id = keys.first(where: { $0.value.connection == connectionID && $0.value.key == idempotencyKey })?.key,
                let record = rows.first(where: { $0.id == id })
            {
                result[connectionID] = .repeatedSubmission(record)
                continue
            }
            let again = shareAgain.contains(connectionID)
            let live = rows.last { $0.connectionID == connectionID && $0.url == url && Self.live.contains($0.status) && $0.repeatOf == nil }
            if let live, !again {
                result[connectionID] = .alreadyShared(live)
                continue
            }
            let record = ShareRecord(
                id: nextID, connectionID: connectionID, userID: userID, url: url, title: title, message: messages[connectionID] ?? message,
                status: .pending, postID: nil, postURL: nil, errorKind: nil, errorMessage: nil, repeatOf: again ? live?.id : nil, origin: origin,
                createdAt: Date())
            nextID += 1
            rows.append(record)
            keys[record.id] = (connectionID, idempotencyKey)
            result[connectionID] = .started(record)
        }
        return result
    }

    func finish(_ results: [Int64: ShareResult]) async throws -> [Int64: ShareRecord] {
        var stored: [Int64: ShareRecord] = [:]
        for (id, result) in results {
            guard let index = rows.firstIndex(where: { $0.id == id }) else { continue }
            rows[index].status = ShareStatus(result.outcome)
            rows[index].postID = result.platformPostID
            rows[index].postURL = result.platformPostURL
            rows[index].errorKind = result.errorKind
            rows[index].errorMessage = result.message
            stored[id] = rows[index]
        }
        return stored
    }

    func history(userID: String, filter: ShareHistoryFilter, limit: Int, offset: Int) async throws -> [ShareHistoryEntry] {
        var result: [ShareHistoryEntry] = []
        for share in rows.filter({ $0.userID == userID }).reversed() {
            let (platform, name) = await names(share.connectionID) ?? (.mastodon, "account \(share.connectionID)")
            if filter.admits(share, platform: platform) { result.append(ShareHistoryEntry(share: share, platform: platform, accountName: name)) }
        }
        return Array(result.dropFirst(offset).prefix(limit))
    }

    /// Deletes the shares of these connections or of this person (the memory form of the cascade).
    func remove(connectionIDs: Set<Int64> = [], userID: String? = nil) {
        let gone = rows.filter { connectionIDs.contains($0.connectionID) || $0.userID == userID }.map(\.id)
        rows.removeAll { connectionIDs.contains($0.connectionID) || $0.userID == userID }
        for id in gone { keys[id] = nil }
    }

    func liveShares(userID: String, url: String) async throws -> [Int64: ShareRecord] {
        var result: [Int64: ShareRecord] = [:]
        for share in rows where share.userID == userID && share.url == url && Self.live.contains(share.status) { result[share.connectionID] = share }
        return result
    }
}
