import Foundation
import Logging
import Platforms
import PostgresNIO
import SocialCore

/// `OAuthStateStore` over `oauth_states` and `pending_connections`; secrets Fernet-encrypted.
struct PostgresOAuthStateStore: OAuthStateStore {
    let client: PostgresClient
    let fernet: Fernet
    let logger: Logger

    func save(_ s: OAuthState) async throws {
        try await client.query("DELETE FROM oauth_states WHERE expires_at < now()", logger: logger)
        let verifier = s.codeVerifier.map(fernet.encrypt)
        try await client.query(
            """
            INSERT INTO oauth_states (nonce, user_id, platform, code_verifier_enc, instance_url, return_to, expires_at)
            VALUES (\(s.nonce), \(s.userID), \(s.platform.rawValue), \(verifier), \(s.instanceURL?.absoluteString), \(s.returnTo), \(s.expiresAt))
            """, logger: logger)
    }

    func consume(nonce: String, userID: String, platform: PlatformName) async throws -> OAuthState? {
        // DELETE … RETURNING makes the state single-use even when two callbacks race.
        let rows = try await client.query(
            """
            DELETE FROM oauth_states WHERE nonce = \(nonce)
            RETURNING user_id, platform, code_verifier_enc, instance_url, return_to, expires_at
            """, logger: logger)
        for try await (user, name, verifier, instance, returnTo, expires) in rows.decode((String, String, String?, String?, String, Date).self) {
            guard user == userID, name == platform.rawValue, expires > Date() else { return nil }
            return OAuthState(
                nonce: nonce, userID: user, platform: platform, codeVerifier: try verifier.map { try fernet.decrypt($0) },
                instanceURL: instance.flatMap(URL.init(string:)), returnTo: returnTo, expiresAt: expires)
        }
        return nil
    }

    func savePending(_ results: [OAuthResult], userID: String, platform: PlatformName, returnTo: String) async throws -> String {
        try await client.query("DELETE FROM pending_connections WHERE expires_at < now()", logger: logger)
        let id = RandomToken.make(bytes: 16)
        let json = String(decoding: try JSONEncoder().encode(results.map(StoredOAuthResult.init)), as: UTF8.self)
        let expires = Date().addingTimeInterval(OAuthState.lifetime)
        try await client.query(
            """
            INSERT INTO pending_connections (id, user_id, platform, results_enc, return_to, expires_at)
            VALUES (\(id), \(userID), \(platform.rawValue), \(fernet.encrypt(json)), \(returnTo), \(expires))
            """, logger: logger)
        return id
    }

    func pending(id: String, userID: String) async throws -> (platform: PlatformName, results: [OAuthResult], returnTo: String)? {
        try await read(
            "SELECT platform, results_enc, return_to FROM pending_connections WHERE id = \(id) AND user_id = \(userID) AND expires_at > now()")
    }

    func takePending(id: String, userID: String) async throws -> (platform: PlatformName, results: [OAuthResult], returnTo: String)? {
        try await read(
            """
            DELETE FROM pending_connections WHERE id = \(id) AND user_id = \(userID) AND expires_at > now()
            RETURNING platform, results_enc, return_to
            """)
    }

    /// The pending connection a query (one of the two above) returns.
    private func read(_ query: PostgresQuery) async throws -> (platform: PlatformName, results: [OAuthResult], returnTo: String)? {
        for try await (name, encrypted, returnTo) in try await client.query(query, logger: logger).decode((String, String, String).self) {
            let platform = try PlatformName(stored: name, column: "platform")
            let stored = try JSONDecoder().decode([StoredOAuthResult].self, from: Data(try fernet.decrypt(encrypted).utf8))
            return (platform, stored.map(\.result), returnTo)
        }
        return nil
    }
}
