import Foundation
import Platforms
import Testing

@testable import FragmentService

/// The database error a test makes a write fail with.
struct InjectedWriteFailure: Error, Equatable {}

/// A memory share repository that records every call, can hold its first batched `finish` until
/// released (so outcomes pile up behind a write in flight) and can make chosen writes fail.
actor ObservedShares: ShareRepository {
    let inner: MemoryShareRepository
    nonisolated var pendingLease: TimeInterval { inner.pendingLease }
    /// Connection ids of each batched `start`, in call order.
    private(set) var starts: [[Int64]] = []
    /// Share ids of each batched `finish`, sorted, in call order.
    private(set) var writes: [[Int64]] = []
    /// 1-based numbers of the writes that throw `InjectedWriteFailure`; `nil` fails every write.
    private var failing: Set<Int>?
    private var holdFirstWrite: Bool
    private var held: CheckedContinuation<Void, Never>?

    init(_ inner: MemoryShareRepository = MemoryShareRepository(), holdFirstWrite: Bool = false, failing: Set<Int>? = []) {
        self.inner = inner
        self.holdFirstWrite = holdFirstWrite
        self.failing = failing
    }

    /// Lets the held first write go on.
    func release() {
        holdFirstWrite = false
        held?.resume()
        held = nil
    }

    func expireStalePending() async throws -> Int { try await inner.expireStalePending() }

    func start(
        connectionIDs: [Int64], userID: String, url: String, title: String?, message: String?, messages: [Int64: String],
        idempotencyKey: String, shareAgain: Set<Int64>, origin: ShareOrigin
    ) async throws -> [Int64: ShareStart] {
        starts.append(connectionIDs)
        return try await inner.start(
            connectionIDs: connectionIDs, userID: userID, url: url, title: title, message: message, messages: messages,
            idempotencyKey: idempotencyKey, shareAgain: shareAgain, origin: origin)
    }

    func finish(_ results: [Int64: ShareResult]) async throws -> [Int64: ShareRecord] {
        writes.append(results.keys.sorted())
        let number = writes.count
        if number == 1, holdFirstWrite { await withCheckedContinuation { held = $0 } }
        if failing.map({ $0.contains(number) }) ?? true { throw InjectedWriteFailure() }
        return try await inner.finish(results)
    }

    func history(userID: String, filter: ShareHistoryFilter, limit: Int, offset: Int) async throws -> [ShareHistoryEntry] {
        try await inner.history(userID: userID, filter: filter, limit: limit, offset: offset)
    }

    func liveShares(userID: String, url: String) async throws -> [Int64: ShareRecord] {
        try await inner.liveShares(userID: userID, url: url)
    }
}

/// A memory connection repository that counts the reads a share order makes.
actor CountedConnections: ConnectionRepository {
    let inner = MemoryConnectionRepository()
    private(set) var singleReads = 0
    private(set) var batchReads = 0

    func connect(userID: String, platform: PlatformName, result: OAuthResult) async throws -> ConnectOutcome {
        try await inner.connect(userID: userID, platform: platform, result: result)
    }

    func connections(userID: String) async throws -> [SocialConnection] { try await inner.connections(userID: userID) }

    func connection(id: Int64, userID: String) async throws -> SocialConnection? {
        singleReads += 1
        return try await inner.connection(id: id, userID: userID)
    }

    func connections(ids: [Int64], userID: String) async throws -> [SocialConnection] {
        batchReads += 1
        return try await inner.connections(ids: ids, userID: userID)
    }

    func disconnect(id: Int64, userID: String) async throws -> SocialConnection? { try await inner.disconnect(id: id, userID: userID) }

    func refreshLocked(
        id: Int64, userID: String, margin: TimeInterval, staleAccessToken: String?,
        refresh: @Sendable (StoredCredentials) async throws(PlatformError) -> OAuthResult
    ) async throws -> SocialConnection {
        try await inner.refreshLocked(id: id, userID: userID, margin: margin, staleAccessToken: staleAccessToken, refresh: refresh)
    }

    func markNeedsReconnect(id: Int64, reason: String) async throws { try await inner.markNeedsReconnect(id: id, reason: reason) }
    func dueForRenewal(platform: PlatformName, now: Date, expiringBefore: Date, unchangedSince: Date, limit: Int) async throws -> [ConnectionKey] {
        try await inner.dueForRenewal(platform: platform, now: now, expiringBefore: expiringBefore, unchangedSince: unchangedSince, limit: limit)
    }
    func health(now: Date, horizon: TimeInterval) async throws -> [OperatorReport.Connections] { try await inner.health(now: now, horizon: horizon) }
}

extension ConnectFlow {
    /// `count` Mastodon accounts of `user`, one per server `<user>-<n>.example`, with tokens
    /// minted by the sandbox (as `make bench` connects them), stored through `connect`.
    func mastodonAccounts(_ count: Int, user: String = "demo-ada", into connections: some ConnectionRepository) async throws -> [Int64] {
        var ids: [Int64] = []
        for n in 0..<count {
            let host = "\(user)-\(n).example"
            let minted = try await fetch(
                "http://127.0.0.1:\(sandboxPort)/_sandbox/tokens", method: .POST,
                body: #"{"platform":"mastodon","account":"109000000000000001","client_id":"tests","scopes":["read","write"],"instance":"\#(host)"}"#,
                contentType: "application/json")
            let json = try JSONSerialization.jsonObject(with: Data(minted.body.utf8)) as? [String: Any]
            let token = try #require(json?["access_token"] as? String, "sandbox token: \(minted.body.prefix(200))")
            let result = OAuthResult(
                platformUserID: "109000000000000001@\(host)", username: "ada", displayName: "Ada @ \(host)", accessToken: token,
                scopes: ["read", "write"], extraData: ["instance_url": "https://\(host)"])
            guard case .created(let connection) = try await connections.connect(userID: user, platform: .mastodon, result: result) else {
                throw HarnessFailure("account \(n) not created")
            }
            ids.append(connection.id)
        }
        return ids
    }
}
