import Foundation
import Platforms

/// `ConnectionRepository` in memory, for router tests.
actor MemoryConnectionRepository: ConnectionRepository {
    private var rows: [SocialConnection] = []
    private var revoked: Set<Int64> = []
    /// Counts refreshes as `PostgresConnectionRepository` does.
    private let metrics: ServiceMetrics?

    /// When each disconnected row was disconnected.
    private var revokedAt: [Int64: Date] = [:]
    private var nextID: Int64 = 1

    init(metrics: ServiceMetrics? = nil) {
        self.metrics = metrics
    }

    func connect(userID: String, platform: PlatformName, result: OAuthResult) async throws -> ConnectOutcome {
        if let index = rows.firstIndex(where: { $0.platform == platform && $0.platformUserID == result.platformUserID }) {
            if rows[index].userID != userID && !revoked.contains(rows[index].id) { return .ownedByAnotherUser }
            rows[index].userID = userID
            apply(result, to: &rows[index])
            revoked.remove(rows[index].id)
            revokedAt[rows[index].id] = nil
            return .reconnected(rows[index])
        }
        var row = SocialConnection(
            id: nextID, userID: userID, platform: platform, platformUserID: result.platformUserID, username: nil,
            displayName: nil, accessToken: nil, refreshToken: nil, tokenExpiresAt: nil, scopes: [], extraData: [:], status: .active,
            lastError: nil, createdAt: Date(), updatedAt: Date())
        nextID += 1
        apply(result, to: &row)
        rows.append(row)
        return .created(row)
    }

    func connections(userID: String) async throws -> [SocialConnection] {
        rows.filter { $0.userID == userID && !revoked.contains($0.id) }
            .sorted { ($0.platform, $0.displayName ?? "") < ($1.platform, $1.displayName ?? "") }
    }

    func connection(id: Int64, userID: String) async throws -> SocialConnection? {
        rows.first { $0.id == id && $0.userID == userID && !revoked.contains(id) }
    }

    func connections(ids: [Int64], userID: String) async throws -> [SocialConnection] {
        let wanted = Set(ids)
        return rows.filter { wanted.contains($0.id) && $0.userID == userID && !revoked.contains($0.id) }
    }

    func disconnect(id: Int64, userID: String) async throws -> SocialConnection? {
        guard let index = rows.firstIndex(where: { $0.id == id && $0.userID == userID }), !revoked.contains(id) else { return nil }
        let before = rows[index]
        rows[index].accessToken = nil
        rows[index].refreshToken = nil
        revoked.insert(id)
        revokedAt[id] = Date()
        return before
    }

    func refreshLocked(
        id: Int64, userID: String, margin: TimeInterval, staleAccessToken: String?,
        refresh: @Sendable (StoredCredentials) async throws(PlatformError) -> OAuthResult
    ) async throws -> SocialConnection {
        // The actor is the lock, but it is re-entrant across `await`: a flag keeps the refresh
        // itself exclusive per connection.
        while refreshing.contains(id) { await Task.yield() }
        refreshing.insert(id)
        defer { refreshing.remove(id) }
        guard let index = rows.firstIndex(where: { $0.id == id && $0.userID == userID }), !revoked.contains(id),
            let credentials = rows[index].credentials
        else { throw PlatformError(.invalidGrant, rows.first { $0.id == id }?.platform ?? .mastodon, "The account is not connected.") }
        let due = rows[index].tokenExpiresAt.map { $0.timeIntervalSinceNow < margin } ?? false
        let stale = staleAccessToken != nil && staleAccessToken == credentials.accessToken
        let platform = rows[index].platform
        guard due || stale else {
            metrics?.tokenRefresh(platform: platform, result: .alreadyFresh)
            return rows[index]
        }
        do {
            let fresh = try await refresh(credentials)
            refreshCount += 1
            metrics?.tokenRefresh(platform: platform, result: .refreshed)
            var result = fresh
            if result.refreshToken == nil { result.refreshToken = credentials.refreshToken }
            if let position = rows.firstIndex(where: { $0.id == id }) { applyTokens(result, to: &rows[position]) }
            return rows.first { $0.id == id }!
        } catch {
            metrics?.tokenRefresh(platform: platform, result: .init(error))
            if error.code == .invalidGrant { try await markNeedsReconnect(id: id, reason: error.description) }
            throw error
        }
    }

    /// Platform and account name of any connection, for the memory share history.
    func name(of id: Int64) -> (PlatformName, String)? {
        rows.first { $0.id == id }.map { ($0.platform, $0.displayName ?? $0.username ?? $0.platformUserID) }
    }

    /// The connection's platform and, for Mastodon, its instance URL (what its posts' server is).
    func server(of id: Int64) -> (platform: PlatformName, instanceURL: String?)? {
        rows.first { $0.id == id }.map { ($0.platform, $0.extraData["instance_url"]) }
    }

    func health(now: Date, horizon: TimeInterval) async throws -> [OperatorReport.Connections] {
        let live = rows.filter { $0.accessToken != nil }
        return PlatformName.allCases.compactMap { platform in
            let mine = live.filter { $0.platform == platform }
            guard !mine.isEmpty else { return nil }
            return OperatorReport.Connections(
                platform: platform, live: mine.count, needsReconnect: mine.filter { $0.status == .needsReconnect }.count,
                expiringWithoutRefresh: mine.filter {
                    $0.status == .active && $0.refreshToken == nil && ($0.tokenExpiresAt.map { $0 < now.addingTimeInterval(horizon) } ?? false)
                }.count)
        }
    }

    func dueForRenewal(platform: PlatformName, now: Date, expiringBefore: Date, unchangedSince: Date, limit: Int) async throws -> [ConnectionKey] {
        let due = rows.filter { row in
            guard row.platform == platform, row.status == .active, row.accessToken != nil, !revoked.contains(row.id), let expires = row.tokenExpiresAt
            else { return false }
            return expires > now && expires < expiringBefore && row.updatedAt <= unchangedSince
        }
        return due.sorted { ($0.tokenExpiresAt ?? now) < ($1.tokenExpiresAt ?? now) }.prefix(max(0, limit)).map {
            ConnectionKey(id: $0.id, userID: $0.userID)
        }
    }

    /// Tests: makes the connection's last change (its token's issue time) `seconds` older.
    func age(id: Int64, by seconds: TimeInterval) {
        guard let index = rows.firstIndex(where: { $0.id == id }) else { return }
        rows[index].updatedAt = rows[index].updatedAt.addingTimeInterval(-seconds)
    }

    func markNeedsReconnect(id: Int64, reason: String) async throws {
        if let index = rows.firstIndex(where: { $0.id == id }) {
            rows[index].status = .needsReconnect
            rows[index].lastError = reason
        }
    }

    /// Every row of the person, disconnected ones included (`AccountDataRepository`).
    func allRows(userID: String) -> [(connection: SocialConnection, disconnectedAt: Date?)] {
        rows.filter { $0.userID == userID }.map { ($0, revokedAt[$0.id]) }
    }

    /// Meta's deauthorize callback: tokens wiped and "needs reconnect" on the selected live rows.
    func revokeMeta(_ selector: MetaAccountSelector, reason: String) -> Int {
        var count = 0
        for index in rows.indices where selector.matches(rows[index]) && !revoked.contains(rows[index].id) {
            rows[index].accessToken = nil
            rows[index].refreshToken = nil
            rows[index].tokenExpiresAt = nil
            rows[index].status = .needsReconnect
            rows[index].lastError = reason
            rows[index].updatedAt = Date()
            count += 1
        }
        return count
    }

    /// Removes the rows `matching` says, returning their ids (the memory form of `DELETE`).
    func remove(where matching: @Sendable (SocialConnection) -> Bool) -> [Int64] {
        let ids = rows.filter(matching).map(\.id)
        rows.removeAll(where: matching)
        for id in ids {
            revoked.remove(id)
            revokedAt[id] = nil
        }
        return ids
    }

    /// How many refreshes actually ran (tests assert "exactly one").
    private(set) var refreshCount = 0
    private var refreshing: Set<Int64> = []

    /// A refresh changes only the tokens, never who the account is.
    private func applyTokens(_ result: OAuthResult, to row: inout SocialConnection) {
        row.accessToken = result.accessToken
        row.refreshToken = result.refreshToken
        row.tokenExpiresAt = result.expiresAt
        if !result.scopes.isEmpty { row.scopes = result.scopes }
        row.status = .active
        row.lastError = nil
        row.updatedAt = Date()
    }

    private func apply(_ result: OAuthResult, to row: inout SocialConnection) {
        row.username = result.username
        row.displayName = result.displayName
        row.accessToken = result.accessToken
        row.refreshToken = result.refreshToken
        row.tokenExpiresAt = result.expiresAt
        row.scopes = result.scopes
        row.extraData = result.extraData
        row.status = .active
        row.lastError = nil
        row.updatedAt = Date()
    }
}
