import Foundation

/// Remembers which handoff tokens were used so each signs a browser in once.
protocol HandoffLedger: Sendable {
    /// Records `jti`; returns false when it was already used.
    func consume(jti: String, userID: String, expiresAt: Date) async throws -> Bool
}
