import Foundation
import Platforms
import SocialCore

/// `OAuthStateStore` in memory, for router tests.
actor MemoryOAuthStateStore: OAuthStateStore {
    private var states: [String: OAuthState] = [:]
    private var pendings: [String: (userID: String, platform: PlatformName, results: [OAuthResult], returnTo: String, expires: Date)] = [:]

    /// Deletes the person's states and pending connections (the memory form of the cascade).
    func remove(userID: String) {
        states = states.filter { $0.value.userID != userID }
        pendings = pendings.filter { $0.value.userID != userID }
    }

    func save(_ state: OAuthState) async throws { states[state.nonce] = state }

    func consume(nonce: String, userID: String, platform: PlatformName) async throws -> OAuthState? {
        guard let state = states.removeValue(forKey: nonce), state.userID == userID, state.platform == platform, state.expiresAt > Date()
        else { return nil }
        return state
    }

    func savePending(_ results: [OAuthResult], userID: String, platform: PlatformName, returnTo: String) async throws -> String {
        let id = RandomToken.make(bytes: 16)
        pendings[id] = (userID, platform, results, returnTo, Date().addingTimeInterval(OAuthState.lifetime))
        return id
    }

    func pending(id: String, userID: String) async throws -> (platform: PlatformName, results: [OAuthResult], returnTo: String)? {
        guard let p = pendings[id], p.userID == userID, p.expires > Date() else { return nil }
        return (p.platform, p.results, p.returnTo)
    }

    func takePending(id: String, userID: String) async throws -> (platform: PlatformName, results: [OAuthResult], returnTo: String)? {
        guard let found = try await pending(id: id, userID: userID) else { return nil }
        pendings[id] = nil
        return found
    }
}
