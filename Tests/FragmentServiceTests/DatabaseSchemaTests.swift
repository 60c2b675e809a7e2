import Foundation
import Platforms
import PostgresNIO
import SocialCore
import Testing

@testable import FragmentService

@Suite(.enabled(if: TestDatabase.isAvailable, "set TEST_DATABASE_URL (make test does)"))
struct DatabaseSchemaTests {
    @Test func migrationsApplyOnAnEmptyDatabaseAndASecondRunDoesNothing() async throws {
        try await TestDatabase.withDatabase(migrated: false) { client in
            let runner = MigrationRunner(client: client, migrations: try TestDatabase.migrations(), logger: TestDatabase.logger)
            #expect(try await runner.pending().count == (try TestDatabase.migrations().count))
            let first = try await runner.migrate()
            #expect(first == (try TestDatabase.migrations().map(\.name)))
            #expect(try await runner.migrate().isEmpty)
            #expect(try await runner.pending().isEmpty)
        }
    }

    @Test func socialConnectionsHasEveryColumnOfThePlan() async throws {
        try await TestDatabase.withDatabase { client in
            let rows = try await client.query(
                "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'social_connections'")
            var columns: [String: String] = [:]
            for try await (name, type) in rows.decode((String, String).self) { columns[name] = type }
            let plan = [
                "id", "user_id", "platform", "platform_user_id", "platform_username", "display_name", "access_token_enc",
                "refresh_token_enc", "token_expires_at", "scopes", "extra_data", "created_at", "updated_at", "revoked_at",
                "status", "last_error",
            ]
            for column in plan { #expect(columns[column] != nil, "missing \(column)") }
            #expect(columns["extra_data"] == "jsonb")
            #expect(columns["token_expires_at"] == "timestamp with time zone")
            let indexes = try await client.query("SELECT indexdef FROM pg_indexes WHERE tablename = 'social_connections'")
            var definitions: [String] = []
            for try await definition in indexes.decode(String.self) { definitions.append(definition) }
            #expect(definitions.contains { $0.contains("(user_id, platform)") })
            #expect(definitions.contains { $0.contains("UNIQUE") && $0.contains("(platform, platform_user_id)") })
        }
    }

    @Test func unknownPlatformAndDuplicateAccountAreRefused() async throws {
        try await TestDatabase.withDatabase { client in
            try await Self.insertUser(client, "u1")
            try await Self.insertUser(client, "u2")
            await #expect(throws: PSQLError.self) {
                try await client.query("INSERT INTO social_connections (user_id, platform, platform_user_id) VALUES ('u1', 'myspace', 'x')")
            }
            _ = try await Self.insertConnection(client, user: "u1", platform: "mastodon", account: "1@mastodon.social")
            // The same platform account cannot belong to two rows (nor to two people).
            await #expect(throws: PSQLError.self) {
                _ = try await Self.insertConnection(client, user: "u2", platform: "mastodon", account: "1@mastodon.social")
            }
            // A different instance's account with the same local id is a different account.
            _ = try await Self.insertConnection(client, user: "u2", platform: "mastodon", account: "1@fosstodon.org")
        }
    }

    /// Every platform the service knows can be stored wherever a platform is stored: a new
    /// platform needs its migration (the tables check the names).
    @Test func everyPlatformCanBeConnectedAndAuthorized() async throws {
        try await TestDatabase.withDatabase { client in
            try await Self.insertUser(client, "u")
            let states = PostgresOAuthStateStore(client: client, fernet: try Fernet(keyList: FernetKey.generate()), logger: TestDatabase.logger)
            for platform in PlatformName.allCases {
                _ = try await Self.insertConnection(client, user: "u", platform: platform.rawValue, account: "account-\(platform.rawValue)")
                try await states.save(
                    OAuthState(
                        nonce: "state-\(platform.rawValue)", userID: "u", platform: platform, codeVerifier: "verifier", instanceURL: nil,
                        returnTo: "/social/", expiresAt: Date().addingTimeInterval(600)))
            }
        }
    }

    @Test func deletingAUserDeletesTheirConnectionsAndShares() async throws {
        try await TestDatabase.withDatabase { client in
            try await Self.insertUser(client, "gone")
            let connection = try await Self.insertConnection(client, user: "gone", platform: "twitter", account: "x1")
            try await Self.insertShare(client, connection: connection, user: "gone", url: "https://blog.example/a", status: "published", key: "k1")
            try await client.query("DELETE FROM users WHERE id = 'gone'")
            #expect(try await Self.count(client, "social_connections") == 0)
            #expect(try await Self.count(client, "social_shares") == 0)
        }
    }

    @Test func aURLCanBeLiveOnAConnectionOnlyOnceUnlessSharedAgainOnPurpose() async throws {
        try await TestDatabase.withDatabase { client in
            try await Self.insertUser(client, "u")
            let c = try await Self.insertConnection(client, user: "u", platform: "linkedin", account: "li1")
            let url = "https://events.example/gig"
            let first = try await Self.insertShare(client, connection: c, user: "u", url: url, status: "published", key: "k1")
            await #expect(throws: PSQLError.self) {
                try await Self.insertShare(client, connection: c, user: "u", url: url, status: "pending", key: "k2")
            }
            // Failed attempts never block a retry; an explicit "share again" row is allowed.
            try await Self.insertShare(client, connection: c, user: "u", url: url, status: "failed", key: "k3")
            try await Self.insertShare(client, connection: c, user: "u", url: url, status: "published", key: "k4", repeatOf: first)
            // One idempotency key posts once per connection.
            await #expect(throws: PSQLError.self) {
                try await Self.insertShare(client, connection: c, user: "u", url: "https://other.example/", status: "pending", key: "k1")
            }
        }
    }

    @Test func aRevokedConnectionCannotKeepTokens() async throws {
        try await TestDatabase.withDatabase { client in
            try await Self.insertUser(client, "u")
            let c = try await Self.insertConnection(client, user: "u", platform: "threads", account: "t1")
            await #expect(throws: PSQLError.self) {
                try await client.query("UPDATE social_connections SET revoked_at = now() WHERE id = \(c)")
            }
            try await client.query(
                "UPDATE social_connections SET revoked_at = now(), access_token_enc = NULL, refresh_token_enc = NULL WHERE id = \(c)")
        }
    }

    // MARK: helpers

    static func insertUser(_ client: PostgresClient, _ id: String) async throws {
        try await client.query("INSERT INTO users (id) VALUES (\(id))")
    }

    @discardableResult
    static func insertConnection(
        _ client: PostgresClient, user: String, platform: String, account: String, access: String? = "enc", refresh: String? = nil
    ) async throws -> Int64 {
        let rows = try await client.query(
            """
            INSERT INTO social_connections (user_id, platform, platform_user_id, access_token_enc, refresh_token_enc)
            VALUES (\(user), \(platform), \(account), \(access), \(refresh)) RETURNING id
            """)
        for try await id in rows.decode(Int64.self) { return id }
        throw PostgresRepositoryError.noRowReturned
    }

    @discardableResult
    static func insertShare(
        _ client: PostgresClient, connection: Int64, user: String, url: String, status: String, key: String, repeatOf: Int64? = nil
    ) async throws -> Int64 {
        let rows = try await client.query(
            """
            INSERT INTO social_shares (connection_id, user_id, shared_url, status, idempotency_key, repeat_of)
            VALUES (\(connection), \(user), \(url), \(status), \(key), \(repeatOf)) RETURNING id
            """)
        for try await id in rows.decode(Int64.self) { return id }
        throw PostgresRepositoryError.noRowReturned
    }

    static func count(_ client: PostgresClient, _ table: String) async throws -> Int {
        // `table` is a constant from this file, never input.
        for try await n in try await client.query(PostgresQuery(unsafeSQL: "SELECT count(*)::int FROM \(table)")).decode(Int.self) {
            return n
        }
        return -1
    }
}
