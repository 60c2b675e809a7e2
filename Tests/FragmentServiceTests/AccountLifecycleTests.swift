import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Platforms
import PostgresNIO
import Testing

@testable import FragmentService

/// The account service's lifecycle API over real HTTP, against PostgreSQL and the sandbox:
/// deleting a person revokes at the platforms and leaves no row behind, twice over; the export
/// carries no secret; only the service token opens it, and without one it does not exist.
@Suite(.enabled(if: TestDatabase.isAvailable, "set TEST_DATABASE_URL (make test does)"))
struct AccountLifecycleTests {
    static let token = "account-service-token-0123456789abcdef"
    static let environment = ["SOCIAL_ACCOUNT_SERVICE_TOKEN": token]

    static func call(
        _ client: some TestClientProtocol, _ method: HTTPRequest.Method, _ path: String, authorization: String? = "Bearer \(token)"
    ) async throws -> (HTTPResponse.Status, String) {
        var headers: HTTPFields = [:]
        if let authorization { headers[.authorization] = authorization }
        return try await client.execute(uri: path, method: method, headers: headers) { ($0.status, String(buffer: $0.body)) }
    }

    /// Ada with a Mastodon and an X account, connected through the pages and the sandbox.
    static func adaConnected(_ service: LiveService, _ client: some TestClientProtocol) async throws -> [SocialConnection] {
        let session = try await BrowserSession.signedIn(client)
        return [
            try await service.connect(.mastodon, account: "109000000000000001", instance: "mastodon.social", session: session, client: client),
            try await service.connect(.twitter, account: "1500000000000000001", session: session, client: client),
        ]
    }

    /// The status a platform gives the token now (through the sandbox's copy of its API).
    static func tokenStatus(_ service: LiveService, _ connection: SocialConnection) async throws -> Int {
        let path =
            connection.platform == .mastodon ? "mastodon.social/api/v1/accounts/verify_credentials" : "api.x.com/2/users/me"
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(service.flow.sandboxPort)/\(path)")
        request.headers.add(name: "Authorization", value: "Bearer \(connection.accessToken ?? "")")
        return Int(try await service.flow.browser.execute(request, timeout: .seconds(10)).status.code)
    }

    /// Rows naming the person in every table that does.
    static func rows(_ service: LiveService, _ user: String) async throws -> [String: Int] {
        [
            "users": try await service.count("SELECT count(*)::int FROM users WHERE id = \(user)"),
            "social_connections": try await service.count("SELECT count(*)::int FROM social_connections WHERE user_id = \(user)"),
            "social_shares": try await service.count("SELECT count(*)::int FROM social_shares WHERE user_id = \(user)"),
            "share_rules": try await service.count("SELECT count(*)::int FROM share_rules WHERE user_id = \(user)"),
            "auto_shares": try await service.count("SELECT count(*)::int FROM auto_shares WHERE user_id = \(user)"),
            "sessions": try await service.count("SELECT count(*)::int FROM sessions WHERE user_id = \(user)"),
            "oauth_states": try await service.count("SELECT count(*)::int FROM oauth_states WHERE user_id = \(user)"),
            "pending_connections": try await service.count("SELECT count(*)::int FROM pending_connections WHERE user_id = \(user)"),
            "identity_handoffs": try await service.count("SELECT count(*)::int FROM identity_handoffs WHERE user_id = \(user)"),
            "publish_events": try await service.count("SELECT count(*)::int FROM publish_events WHERE author_user_id = \(user)"),
        ]
    }

    /// Gives `user` a row in every table keyed by a person (beyond what connecting made).
    static func fill(_ service: LiveService, _ user: String, connection: Int64?) async throws {
        let db = service.database
        let logger = TestDatabase.logger
        try await db.query("INSERT INTO users (id) VALUES (\(user)) ON CONFLICT DO NOTHING", logger: logger)
        try await db.query(
            """
            INSERT INTO content_apps (id, display_name, signing_secret_enc, allowed_origins)
            VALUES ('blog', 'Blog', 'x', ARRAY['https://blog.example']) ON CONFLICT DO NOTHING
            """, logger: logger)
        let event = "event-\(user)"
        try await db.query(
            """
            INSERT INTO publish_events (app_id, event_id, content_type, url, author_user_id)
            VALUES ('blog', \(event), 'blog_post', 'https://blog.example/a', \(user))
            """, logger: logger)
        try await db.query(
            "INSERT INTO identity_handoffs (jti, user_id, expires_at) VALUES (\("jti-" + user), \(user), now() + interval '1 hour')", logger: logger)
        try await db.query(
            "INSERT INTO oauth_states (nonce, user_id, platform, expires_at) VALUES (\("n-" + user), \(user), 'twitter', now() + interval '10 minutes')",
            logger: logger)
        try await db.query(
            "INSERT INTO pending_connections (id, user_id, platform, results_enc, expires_at) VALUES (\("p-" + user), \(user), 'facebook', 'x', now() + interval '10 minutes')",
            logger: logger)
        try await db.query(
            "INSERT INTO sessions (id_hash, user_id, expires_at) VALUES (\(ByteBuffer(bytes: Array(repeating: UInt8(user.count), count: 32))), \(user), now() + interval '1 day')",
            logger: logger)
        guard let connection else { return }
        try await db.query("INSERT INTO share_rules (user_id, connection_id, mode) VALUES (\(user), \(connection), 'auto')", logger: logger)
        try await db.query(
            """
            INSERT INTO social_shares (connection_id, user_id, shared_url, status, idempotency_key, platform_post_url)
            VALUES (\(connection), \(user), 'https://blog.example/a', 'published', 'k1', 'https://mastodon.social/@ada/1')
            """, logger: logger)
        try await db.query(
            """
            INSERT INTO auto_shares (event_id, connection_id, user_id)
            SELECT id, \(connection), \(user) FROM publish_events WHERE event_id = \(event)
            """, logger: logger)
    }

    @Test func deletingAPersonRevokesAtEachPlatformRemovesEveryRowAndAnswersTheSameTwice() async throws {
        try await LiveService.with(environment: Self.environment) { service, client in
            let connections = try await Self.adaConnected(service, client)
            try await Self.fill(service, "demo-ada", connection: connections[0].id)
            try await Self.fill(service, "someone-else", connection: nil)
            for connection in connections { #expect(try await Self.tokenStatus(service, connection) == 200) }
            #expect(try await Self.rows(service, "demo-ada").values.allSatisfy { $0 > 0 })

            let (status, body) = try await Self.call(client, .delete, "/api/v1/users/demo-ada")
            #expect(status == .noContent, "\(body)")
            // Revoked at the platforms: the tokens no longer work there.
            for connection in connections { #expect(try await Self.tokenStatus(service, connection) == 401, "\(connection.platform)") }
            let left = try await Self.rows(service, "demo-ada")
            #expect(left.values.allSatisfy { $0 == 0 }, "\(left)")
            // Another person's data stays.
            let kept = try await Self.rows(service, "someone-else")
            for table in ["users", "sessions", "oauth_states", "pending_connections", "identity_handoffs", "publish_events"] {
                #expect(kept[table] == 1, "\(table)")
            }

            // Idempotent: the same answer, nothing else touched.
            #expect(try await Self.call(client, .delete, "/api/v1/users/demo-ada").0 == .noContent)
            #expect(try await Self.call(client, .delete, "/api/v1/users/never-seen").0 == .noContent)
            #expect(try await Self.call(client, .get, "/api/v1/users/demo-ada/export").0 == .notFound)
        }
    }

    @Test func aFailedRevocationIsLoggedAndDoesNotStopTheDeletion() async throws {
        try await LiveService.with(environment: Self.environment) { service, client in
            let connections = try await Self.adaConnected(service, client)
            let rule = #"{"platform":"mastodon","mode":"server_error"}"#
            let set = try await service.flow.fetch(
                "http://127.0.0.1:\(service.flow.sandboxPort)/_sandbox/failures", method: .POST, body: rule, contentType: "application/json")
            #expect(set.status == 200)
            #expect(try await Self.call(client, .delete, "/api/v1/users/demo-ada").0 == .noContent)
            #expect(try await Self.rows(service, "demo-ada").values.allSatisfy { $0 == 0 })
            // X was still revoked.
            #expect(try await Self.tokenStatus(service, connections[1]) == 401)
        }
    }

    @Test func theExportHoldsThePersonsDataAndNoSecret() async throws {
        try await LiveService.with(environment: Self.environment) { service, client in
            let connections = try await Self.adaConnected(service, client)
            try await Self.fill(service, "demo-ada", connection: connections[0].id)
            // Disconnected accounts are listed too.
            let session = try await BrowserSession.signedIn(client)
            try await client.execute(
                uri: "/social/disconnect/\(connections[1].id)/", method: .post,
                headers: [.cookie: session.cookie, .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: FormEncoding.encode([("_csrf", session.csrf)]))
            ) { #expect($0.status == .seeOther) }

            let (status, body) = try await Self.call(client, .get, "/api/v1/users/demo-ada/export")
            #expect(status == .ok, "\(body)")
            for connection in connections {
                for secret in [connection.accessToken, connection.refreshToken].compactMap({ $0 }) {
                    #expect(!body.contains(secret), "\(connection.platform) token in the export")
                }
            }
            var stored: [String] = []
            let rows = try await service.database.query(
                "SELECT access_token_enc FROM social_connections WHERE access_token_enc IS NOT NULL", logger: TestDatabase.logger)
            for try await value in rows.decode(String.self) { stored.append(value) }
            #expect(!stored.isEmpty)
            for value in stored { #expect(!body.contains(value)) }
            #expect(!body.contains("gAAAAA"), "a Fernet token in the export")
            #expect(!body.lowercased().contains("token\""), "a field named like a token")

            let export = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
            #expect((export["user"] as? [String: Any])?["id"] as? String == "demo-ada")
            let listed = try #require(export["connections"] as? [[String: Any]])
            #expect(Set(listed.compactMap { $0["platform"] as? String }) == ["mastodon", "twitter"])
            #expect(listed.first { $0["platform"] as? String == "twitter" }?["disconnected_at"] is String)
            #expect((export["shares"] as? [[String: Any]])?.first?["post_url"] as? String == "https://mastodon.social/@ada/1")
            #expect((export["rules"] as? [[String: Any]])?.count == 1)
            #expect((export["auto_shares"] as? [[String: Any]])?.count == 1)
            #expect((export["publish_events"] as? [[String: Any]])?.first?["event_id"] as? String == "event-demo-ada")
            #expect(try await Self.call(client, .get, "/api/v1/users/nobody/export").0 == .notFound)
        }
    }

    @Test func onlyTheServiceTokenOpensTheAPI() async throws {
        try await LiveService.with(environment: Self.environment) { service, client in
            _ = try await Self.adaConnected(service, client)
            let person = try await TestEnvironment.token(sub: "demo-ada")
            for authorization in [nil, "Bearer wrong-token", "Bearer \(Self.token)x", "Basic \(Self.token)", "Bearer \(person)"] {
                #expect(try await Self.call(client, .delete, "/api/v1/users/demo-ada", authorization: authorization).0 == .unauthorized)
                #expect(try await Self.call(client, .get, "/api/v1/users/demo-ada/export", authorization: authorization).0 == .unauthorized)
            }
            #expect(try await service.count("SELECT count(*)::int FROM social_connections WHERE user_id = 'demo-ada'") == 2)
            // The service token is not a person's token either.
            #expect(try await Self.call(client, .get, "/api/v1/me").0 == .unauthorized)
            #expect(try await Self.call(client, .get, "/api/v1/me", authorization: "Bearer \(person)").0 == .ok)
        }
    }

    @Test func withoutTheTokenSettingTheAPIDoesNotExist() async throws {
        try await LiveService.with { service, client in
            _ = try await Self.adaConnected(service, client)
            #expect(try await Self.call(client, .delete, "/api/v1/users/demo-ada").0 == .notFound)
            #expect(try await Self.call(client, .get, "/api/v1/users/demo-ada/export").0 == .notFound)
            #expect(try await service.count("SELECT count(*)::int FROM social_connections WHERE user_id = 'demo-ada'") == 2)
        }
    }
}
