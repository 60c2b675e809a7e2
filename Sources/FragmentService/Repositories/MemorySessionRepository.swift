import Foundation

/// `SessionRepository` in memory, for router tests.
actor MemorySessionRepository: SessionRepository {
    private var sessions: [[UInt8]: (userID: String, expiresAt: Date)] = [:]

    func create(idHash: [UInt8], userID: String, expiresAt: Date, now: Date) async throws {
        sessions = sessions.filter { $0.value.expiresAt > now }
        sessions[idHash] = (userID, expiresAt)
    }

    func userID(idHash: [UInt8], now: Date) async throws -> String? {
        guard let session = sessions[idHash], session.expiresAt > now else { return nil }
        return session.userID
    }

    func delete(idHash: [UInt8]) async throws {
        sessions[idHash] = nil
    }

    @discardableResult func deleteAll(userID: String) async throws -> Int {
        let before = sessions.count
        sessions = sessions.filter { $0.value.userID != userID }
        return before - sessions.count
    }

    /// How many sessions are stored, expired or not (for tests).
    var count: Int { sessions.count }
}
