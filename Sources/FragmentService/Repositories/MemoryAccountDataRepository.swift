import Foundation

/// `AccountDataRepository` over the memory repositories, for router tests: it removes from each
/// what PostgreSQL's cascades would. Not atomic across them (nothing in memory tests interleaves).
actor MemoryAccountDataRepository: AccountDataRepository {
    let users: MemoryUserRepository
    let connections: MemoryConnectionRepository
    let shares: MemoryShareRepository
    let rules: MemoryRuleRepository
    let jobs: MemoryAutoShareRepository
    let sessions: MemorySessionRepository
    let states: MemoryOAuthStateStore
    let events: MemoryPublishEventRepository
    private var requests: [String: MetaDeletionRequest] = [:]

    init(
        users: MemoryUserRepository, connections: MemoryConnectionRepository, shares: MemoryShareRepository, rules: MemoryRuleRepository,
        jobs: MemoryAutoShareRepository, sessions: MemorySessionRepository, states: MemoryOAuthStateStore, events: MemoryPublishEventRepository
    ) {
        self.users = users
        self.connections = connections
        self.shares = shares
        self.rules = rules
        self.jobs = jobs
        self.sessions = sessions
        self.states = states
        self.events = events
    }

    func connectionSummaries(userID: String) async throws -> [AccountConnectionSummary] {
        await connections.allRows(userID: userID).map { row in
            let c = row.connection
            return AccountConnectionSummary(
                id: c.id, platform: c.platform, platformUserID: c.platformUserID, username: c.username, displayName: c.displayName,
                scopes: c.scopes, extraData: c.extraData, status: c.status, lastError: c.lastError, tokenExpiresAt: c.tokenExpiresAt,
                createdAt: c.createdAt, updatedAt: c.updatedAt, disconnectedAt: row.disconnectedAt)
        }
    }

    func deleteAccount(userID: String) async throws {
        let ids = Set(await connections.remove { $0.userID == userID })
        await shares.remove(connectionIDs: ids, userID: userID)
        await rules.remove(connectionIDs: ids, userID: userID)
        await jobs.remove(connectionIDs: ids, userID: userID)
        try await sessions.deleteAll(userID: userID)
        await states.remove(userID: userID)
        await events.remove(author: userID)
        await users.remove(id: userID)
    }

    func revokeMetaAuthorization(_ selector: MetaAccountSelector, reason: String) async throws -> Int {
        await connections.revokeMeta(selector, reason: reason)
    }

    func deleteMetaData(_ selector: MetaAccountSelector, app: MetaCallbackApp, code: String) async throws -> MetaDeletionRequest {
        let ids = Set(await connections.remove { selector.matches($0) })
        await shares.remove(connectionIDs: ids)
        await rules.remove(connectionIDs: ids)
        await jobs.remove(connectionIDs: ids)
        let request = MetaDeletionRequest(code: code, app: app, connectionsDeleted: ids.count, requestedAt: Date())
        requests[code] = request
        return request
    }

    func metaDeletionRequest(code: String) async throws -> MetaDeletionRequest? { requests[code] }
}
