import Foundation
import Platforms

/// Connected accounts. Every read and write is scoped to the owner: another user's connection
/// id behaves as if it did not exist.
protocol ConnectionRepository: Sendable {
    /// Stores an authorized account for `userID` under the connect rules.
    func connect(userID: String, platform: PlatformName, result: OAuthResult) async throws -> ConnectOutcome
    /// The person's live connections (not revoked), ordered by platform then name.
    func connections(userID: String) async throws -> [SocialConnection]
    /// One live connection of the person.
    func connection(id: Int64, userID: String) async throws -> SocialConnection?
    /// The live connections of the person among `ids`, read at once (a share order names many);
    /// ids that are not the person's live connections are simply absent. Any order.
    func connections(ids: [Int64], userID: String) async throws -> [SocialConnection]
    /// Soft-deletes: sets `revoked_at` and wipes the tokens; returns the connection as it was
    /// (so the platform token can still be revoked), or nil when it is not the person's.
    func disconnect(id: Int64, userID: String) async throws -> SocialConnection?
    /// Refreshes the connection's token under a per-connection lock (`SELECT … FOR UPDATE`):
    /// lock, re-check, refresh, store, then return the stored connection. Refreshes only when the
    /// token still needs it — it expires within `margin`, or `staleAccessToken` is still the
    /// current token — so two shares at once never spend a rotating refresh token twice.
    /// An invalid grant marks the connection "needs reconnect" before the error is rethrown.
    func refreshLocked(
        id: Int64, userID: String, margin: TimeInterval, staleAccessToken: String?,
        refresh: @Sendable (StoredCredentials) async throws(PlatformError) -> OAuthResult
    ) async throws -> SocialConnection
    /// Active `platform` connections whose token expires after `now` but before `expiringBefore` and
    /// that have not changed since `unchangedSince` (so their token is at least that old), soonest
    /// expiry first, at most `limit`: the ones `TokenRenewalWorker` renews.
    func dueForRenewal(platform: PlatformName, now: Date, expiringBefore: Date, unchangedSince: Date, limit: Int) async throws -> [ConnectionKey]
    /// Marks the connection as needing a reconnect, with the reason shown to the person.
    func markNeedsReconnect(id: Int64, reason: String) async throws
    /// For operators, per platform with live connections: how many there are, how many need
    /// reconnecting, and how many active ones have a token that expires before `now + horizon`
    /// with no refresh token to renew it.
    func health(now: Date, horizon: TimeInterval) async throws -> [OperatorReport.Connections]
}

/// Which connection, and whose: what locking and renewing a connection needs.
struct ConnectionKey: Sendable, Equatable {
    var id: Int64
    var userID: String
}
