import Foundation
import Platforms

/// OAuth states and the accounts a consent offered, both short-lived and single-use.
protocol OAuthStateStore: Sendable {
    func save(_ state: OAuthState) async throws
    /// Removes and returns the state if it exists, belongs to `userID` and `platform`, and has
    /// not expired; nil otherwise (wrong, reused or expired state).
    func consume(nonce: String, userID: String, platform: PlatformName) async throws -> OAuthState?
    /// Keeps accounts for the person to choose from; returns the id of the choice.
    func savePending(_ results: [OAuthResult], userID: String, platform: PlatformName, returnTo: String) async throws -> String
    /// The accounts offered, without removing them (to render the choice).
    func pending(id: String, userID: String) async throws -> (platform: PlatformName, results: [OAuthResult], returnTo: String)?
    /// Removes and returns the accounts offered (when the person has chosen).
    func takePending(id: String, userID: String) async throws -> (platform: PlatformName, results: [OAuthResult], returnTo: String)?
}
