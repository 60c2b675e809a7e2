import Foundation
import Platforms
import PostgresNIO
import SocialCore
import Testing

@testable import FragmentService

/// The connect rules, checked on both implementations so router tests and production agree.
@Suite struct ConnectionRepositoryTests {
    static func result(_ id: String, token: String = "access-1") -> OAuthResult {
        OAuthResult(
            platformUserID: id, username: "ada", displayName: "Ada", accessToken: token, refreshToken: "refresh-1",
            expiresAt: Date(timeIntervalSince1970: 1_900_000_000), scopes: ["write:statuses", "read:accounts"],
            extraData: ["instance_url": "https://mastodon.social"])
    }

    static func exercise(_ repo: some ConnectionRepository) async throws {
        guard case .created(let first) = try await repo.connect(userID: "u1", platform: .mastodon, result: result("1@mastodon.social")) else {
            Issue.record("first connect did not create")
            return
        }
        #expect(first.accessToken == "access-1")
        #expect(first.extraData["instance_url"] == "https://mastodon.social")
        #expect(first.scopes == ["write:statuses", "read:accounts"])

        // The owner again: tokens updated, same row.
        guard
            case .reconnected(let again) = try await repo.connect(
                userID: "u1", platform: .mastodon, result: result("1@mastodon.social", token: "access-2"))
        else { Issue.record("reconnect did not update"); return }
        #expect(again.id == first.id)
        #expect(again.accessToken == "access-2")

        // Someone else: refused, nothing changed.
        #expect(
            try await repo.connect(userID: "u2", platform: .mastodon, result: result("1@mastodon.social", token: "stolen")) == .ownedByAnotherUser)
        #expect(try await repo.connection(id: first.id, userID: "u1")?.accessToken == "access-2")

        // Another user's id is invisible and cannot be disconnected.
        #expect(try await repo.connection(id: first.id, userID: "u2") == nil)
        #expect(try await repo.disconnect(id: first.id, userID: "u2") == nil)

        // Disconnect: gone from the list, tokens wiped; reconnecting clears revoked_at.
        #expect(try await repo.disconnect(id: first.id, userID: "u1")?.accessToken == "access-2")
        #expect(try await repo.connections(userID: "u1").isEmpty)
        #expect(try await repo.disconnect(id: first.id, userID: "u1") == nil)
        guard
            case .reconnected(let back) = try await repo.connect(
                userID: "u1", platform: .mastodon, result: result("1@mastodon.social", token: "access-3"))
        else { Issue.record("reconnect after disconnect failed"); return }
        #expect(back.id == first.id)
        #expect(try await repo.connections(userID: "u1").map(\.accessToken) == ["access-3"])

        // Several accounts per platform are allowed.
        guard case .created(let second) = try await repo.connect(userID: "u1", platform: .mastodon, result: result("2@fosstodon.org")) else {
            Issue.record("second account not created")
            return
        }
        #expect(try await repo.connections(userID: "u1").count == 2)

        // Several read at once: only the person's live ones, whatever else the list names.
        guard case .created(let others) = try await repo.connect(userID: "u2", platform: .mastodon, result: result("3@mastodon.social")),
            case .created(let gone) = try await repo.connect(userID: "u1", platform: .mastodon, result: result("4@mastodon.social"))
        else { Issue.record("more accounts not created"); return }
        _ = try await repo.disconnect(id: gone.id, userID: "u1")
        let read = try await repo.connections(ids: [second.id, others.id, gone.id, 999_999, first.id, second.id], userID: "u1")
        #expect(Set(read.map(\.id)) == [first.id, second.id])
        #expect(read.count == 2)
        #expect(try await repo.connections(ids: [], userID: "u1").isEmpty)
    }

    /// Which tokens the renewal sweep picks: the platform's, live, inside the window, old enough.
    static func exerciseRenewal(_ repo: some ConnectionRepository) async throws {
        let now = Date()
        func threads(_ id: String, expiresIn days: Double) -> OAuthResult {
            OAuthResult(
                platformUserID: id, username: "ada", accessToken: "THQV-\(id)", expiresAt: now.addingTimeInterval(days * 86_400), scopes: [],
                extraData: [:])
        }
        guard case .created(let soon) = try await repo.connect(userID: "u1", platform: .threads, result: threads("t-soon", expiresIn: 10)),
            case .created(let sooner) = try await repo.connect(userID: "u2", platform: .threads, result: threads("t-sooner", expiresIn: 3)),
            case .created = try await repo.connect(userID: "u1", platform: .threads, result: threads("t-late", expiresIn: 50)),
            case .created(let gone) = try await repo.connect(userID: "u1", platform: .threads, result: threads("t-gone", expiresIn: 2)),
            case .created = try await repo.connect(userID: "u1", platform: .threads, result: threads("t-dead", expiresIn: -1))
        else { Issue.record("threads accounts not created"); return }
        _ = try await repo.disconnect(id: gone.id, userID: "u1")
        let later = Date().addingTimeInterval(1)
        func due(before days: Double, unchangedSince: Date = later, limit: Int = 10) async throws -> [ConnectionKey] {
            try await repo.dueForRenewal(
                platform: .threads, now: now, expiringBefore: now.addingTimeInterval(days * 86_400), unchangedSince: unchangedSince, limit: limit)
        }
        #expect(try await due(before: 30) == [ConnectionKey(id: sooner.id, userID: "u2"), ConnectionKey(id: soon.id, userID: "u1")])
        #expect(try await due(before: 30, limit: 1) == [ConnectionKey(id: sooner.id, userID: "u2")])
        #expect(try await due(before: 5) == [ConnectionKey(id: sooner.id, userID: "u2")])
        // Changed after the cut-off: too young to renew.
        #expect(try await due(before: 30, unchangedSince: now.addingTimeInterval(-3600)).isEmpty)
        #expect(
            try await repo.dueForRenewal(
                platform: .twitter, now: now, expiringBefore: now.addingTimeInterval(86_400 * 30), unchangedSince: later, limit: 10
            ).isEmpty)
    }

    @Test func memoryRepositoryFollowsTheConnectRules() async throws {
        try await Self.exercise(MemoryConnectionRepository())
        try await Self.exerciseRenewal(MemoryConnectionRepository())
    }

    @Test(.enabled(if: TestDatabase.isAvailable, "set TEST_DATABASE_URL (make test does)"))
    func postgresRepositoryFollowsTheConnectRulesAndEncryptsTokens() async throws {
        try await TestDatabase.withDatabase { client in
            try await client.query("INSERT INTO users (id) VALUES ('u1'), ('u2')")
            let repo = PostgresConnectionRepository(client: client, fernet: try Fernet(keyList: FernetKey.generate()), logger: TestDatabase.logger)
            try await Self.exercise(repo)
            try await Self.exerciseRenewal(repo)
            for try await (access, revoked) in try await client.query(
                "SELECT access_token_enc, revoked_at IS NOT NULL FROM social_connections"
            ).decode((String?, Bool).self) {
                if let access { #expect(!access.contains("access")) } else { #expect(revoked) }
            }
        }
    }
}
