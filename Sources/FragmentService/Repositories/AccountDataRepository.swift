import Foundation

/// What is stored about one person across tables, for the account lifecycle API and Meta's
/// callbacks: reading it without secrets, and deleting it.
protocol AccountDataRepository: Sendable {
    /// Every connection of the person, disconnected ones included, without any token.
    func connectionSummaries(userID: String) async throws -> [AccountConnectionSummary]
    /// Deletes everything keyed by the person in one transaction: connections (with their
    /// shares, rules and auto-share jobs), sessions, OAuth states and pending connections, used
    /// handoff ids, publish events naming them as author, and the user row. Nothing to delete is
    /// not an error.
    func deleteAccount(userID: String) async throws
    /// Meta's deauthorize callback: wipes the tokens of the selected connections that are still
    /// connected and marks them "needs reconnect" with `reason`; returns how many.
    func revokeMetaAuthorization(_ selector: MetaAccountSelector, reason: String) async throws -> Int
    /// Meta's data-deletion callback: deletes the selected connections (connected or not) with
    /// their shares, rules and auto-share jobs, and records the request under `code` — in one
    /// transaction.
    func deleteMetaData(_ selector: MetaAccountSelector, app: MetaCallbackApp, code: String) async throws -> MetaDeletionRequest
    /// The recorded deletion request with this confirmation code.
    func metaDeletionRequest(code: String) async throws -> MetaDeletionRequest?
}
