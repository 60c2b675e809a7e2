import Foundation

/// `HandoffLedger` in memory, for router tests.
actor MemoryHandoffLedger: HandoffLedger {
    private var used: Set<String> = []

    func consume(jti: String, userID: String, expiresAt: Date) async throws -> Bool {
        used.insert(jti).inserted
    }
}
