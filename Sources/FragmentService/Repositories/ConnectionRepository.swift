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
    /// Soft-deletes: sets `revoked_at` and wipes the tokens; returns the connection as it was
    /// (so the platform token can still be revoked), or nil when it is not the person's.
    func disconnect(id: Int64, userID: String) async throws -> SocialConnection?
}
