import Foundation
import PostgresNIO
import SocialCore
import Testing

@testable import FragmentService

@Suite(.enabled(if: TestDatabase.isAvailable, "set TEST_DATABASE_URL (make test does)"))
struct SecretRotationTests {
    @Test func rotateKeyReencryptsEverySecretUnderTheNewKeyInBatches() async throws {
        let oldKey = FernetKey.generate()
        let newKey = FernetKey.generate()
        let old = try Fernet(keyList: oldKey)
        try await TestDatabase.withDatabase { client in
            try await DatabaseSchemaTests.insertUser(client, "u")
            for i in 0..<7 {
                try await DatabaseSchemaTests.insertConnection(
                    client, user: "u", platform: "twitter", account: "acct\(i)", access: old.encrypt("access-\(i)"),
                    refresh: i.isMultiple(of: 2) ? old.encrypt("refresh-\(i)") : nil)
            }
            try await client.query(
                """
                INSERT INTO mastodon_apps (instance_url, client_id, client_secret_enc, redirect_uri, scopes)
                VALUES ('https://mastodon.social', 'cid', \(old.encrypt("app-secret")), 'http://x/cb', 'write:statuses')
                """)
            try await PostgresContentAppRepository(client: client, fernet: old, logger: TestDatabase.logger).save(PublishWebhookTests.blog)
            let both = try Fernet(keyList: "\(newKey),\(oldKey)")
            let report = try await SecretRotator(client: client, fernet: both, logger: TestDatabase.logger, batchSize: 3).rotate()
            #expect(report == .init(connections: 7, mastodonApps: 1, contentApps: 1))
            #expect(
                try await PostgresContentAppRepository(client: client, fernet: try Fernet(keyList: newKey), logger: TestDatabase.logger)
                    .find(id: "blog")?.signingSecret == PublishWebhookTests.blog.signingSecret)

            let onlyNew = try Fernet(keyList: newKey)
            let rows = try await client.query("SELECT platform_user_id, access_token_enc, refresh_token_enc FROM social_connections")
            var seen = 0
            for try await (account, access, refresh) in rows.decode((String, String, String?).self) {
                let i = account.dropFirst(4)
                #expect(try onlyNew.decrypt(access) == "access-\(i)")
                if let refresh { #expect(try onlyNew.decrypt(refresh) == "refresh-\(i)") }
                #expect(throws: FernetError.self) { try old.decrypt(access) }
                seen += 1
            }
            #expect(seen == 7)
            for try await secret in try await client.query("SELECT client_secret_enc FROM mastodon_apps").decode(String.self) {
                #expect(try onlyNew.decrypt(secret) == "app-secret")
            }
            // A second run finds nothing left to do.
            #expect(try await SecretRotator(client: client, fernet: both, logger: TestDatabase.logger).rotate() == .init())
        }
    }

    @Test func rotationStopsOnAValueNoKeyCanReadAndSaysSoWithoutQuotingIt() async throws {
        try await TestDatabase.withDatabase { client in
            try await DatabaseSchemaTests.insertUser(client, "u")
            let foreign = try Fernet(keyList: FernetKey.generate()).encrypt("foreign-secret")
            try await DatabaseSchemaTests.insertConnection(client, user: "u", platform: "linkedin", account: "l", access: foreign)
            let fernet = try Fernet(keyList: FernetKey.generate())
            do {
                _ = try await SecretRotator(client: client, fernet: fernet, logger: TestDatabase.logger).rotate()
                Issue.record("rotation accepted a value it cannot decrypt")
            } catch {
                #expect(!"\(error)".contains(foreign))
                #expect(!"\(error)".contains("foreign-secret"))
            }
            // Nothing was changed.
            for try await value in try await client.query("SELECT access_token_enc FROM social_connections").decode(String.self) {
                #expect(value == foreign)
            }
        }
    }
}
