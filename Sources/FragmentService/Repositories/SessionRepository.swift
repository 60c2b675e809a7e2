import Foundation

/// Signed-in browser sessions, stored server-side under the SHA-256 of the id the cookie
/// carries (never the id itself). Visitors who have not signed in have no row.
protocol SessionRepository: Sendable {
    /// Stores a session for `userID` until `expiresAt`, and deletes sessions that expired by `now`.
    func create(idHash: [UInt8], userID: String, expiresAt: Date, now: Date) async throws
    /// The user of a live session, or nil when it is unknown, ended or expired at `now`.
    func userID(idHash: [UInt8], now: Date) async throws -> String?
    /// Ends one session (sign-out).
    func delete(idHash: [UInt8]) async throws
    /// Ends every session of `userID` (sign out everywhere); returns how many there were.
    @discardableResult func deleteAll(userID: String) async throws -> Int
}
