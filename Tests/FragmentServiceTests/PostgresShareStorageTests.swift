import Foundation
import Platforms
import PostgresNIO
import SocialCore
import Testing

@testable import FragmentService

/// Counts refresh calls from concurrent tasks.
private actor RefreshCounter {
    var calls = 0
    func hit() { calls += 1 }
}

@Suite(.enabled(if: TestDatabase.isAvailable, "set TEST_DATABASE_URL (make test does)"))
struct PostgresShareStorageTests {
    @Test func sharesFollowTheDedupAndIdempotencyRulesInTheDatabase() async throws {
        try await TestDatabase.withDatabase { client in
            try await client.query("INSERT INTO users (id) VALUES ('u1')")
            let connections = PostgresConnectionRepository(
                client: client, fernet: try Fernet(keyList: FernetKey.generate()), logger: TestDatabase.logger)
            guard
                case .created(let c) = try await connections.connect(userID: "u1", platform: .twitter, result: ConnectionRepositoryTests.result("x1"))
            else {
                Issue.record("no connection")
                return
            }
            let shares = PostgresShareRepository(client: client, logger: TestDatabase.logger)
            func start(_ key: String, again: Bool = false) async throws -> ShareStart {
                try await shares.start(
                    connectionID: c.id, userID: "u1", url: "https://a.example/", title: "A", message: nil, idempotencyKey: key, shareAgain: again,
                    origin: .manual)
            }
            guard case .started(let first) = try await start("k1") else { Issue.record("first did not start"); return }
            guard case .repeatedSubmission = try await start("k1") else { Issue.record("same key started twice"); return }
            guard case .alreadyShared = try await start("k2") else { Issue.record("pending share did not block"); return }
            let done = try await shares.finish(id: first.id, result: .published(id: "p1", url: "https://x.com/ada/status/p1"))
            #expect(done.status == .published)
            guard case .alreadyShared(let earlier) = try await start("k3") else { Issue.record("published share did not block"); return }
            #expect(earlier.postURL == "https://x.com/ada/status/p1")
            guard case .started(let again) = try await start("k4", again: true) else { Issue.record("share again refused"); return }
            #expect(again.repeatOf == first.id)
            #expect(try await shares.liveShares(userID: "u1", url: "https://a.example/")[c.id] != nil)
            let history = try await shares.history(userID: "u1", limit: 10, offset: 0)
            #expect(history.map(\.share.id) == [again.id, first.id])
            #expect(history.first?.platform == .twitter)
        }
    }

    @Test func originAndErrorKindAreReadBackTypedAndAnUnknownKindFailsLoudly() async throws {
        try await TestDatabase.withDatabase { client in
            try await client.query("INSERT INTO users (id) VALUES ('u1')")
            let connections = PostgresConnectionRepository(
                client: client, fernet: try Fernet(keyList: FernetKey.generate()), logger: TestDatabase.logger)
            guard
                case .created(let c) = try await connections.connect(userID: "u1", platform: .twitter, result: ConnectionRepositoryTests.result("x1"))
            else { Issue.record("no connection"); return }
            let shares = PostgresShareRepository(client: client, logger: TestDatabase.logger)
            guard
                case .started(let row) = try await shares.start(
                    connectionID: c.id, userID: "u1", url: "https://a.example/", title: "A", message: nil, idempotencyKey: "k1", shareAgain: false,
                    origin: .auto)
            else { Issue.record("did not start"); return }
            let done = try await shares.finish(id: row.id, result: .failed(.rateLimited, "Slow down."))
            #expect(done.origin == .auto && done.errorKind == .rateLimited)
            #expect(try await shares.history(userID: "u1", limit: 10, offset: 0).first?.share.errorKind == .rateLimited)
            // A kind this code does not know (a newer schema, a broken row) is not read as another.
            try await client.query("UPDATE social_shares SET error_kind = 'mystery' WHERE id = \(row.id)")
            do {
                _ = try await shares.history(userID: "u1", limit: 10, offset: 0)
                Issue.record("an unknown error kind was read")
            } catch {
                #expect("\(error)".contains("unknown share error kind: 'mystery'"))
            }
        }
    }

    @Test func concurrentRefreshesUnderTheRowLockSpendTheRefreshTokenOnce() async throws {
        try await TestDatabase.withDatabase { client in
            try await client.query("INSERT INTO users (id) VALUES ('u1')")
            let connections = PostgresConnectionRepository(
                client: client, fernet: try Fernet(keyList: FernetKey.generate()), logger: TestDatabase.logger)
            var soon = ConnectionRepositoryTests.result("x1")
            soon.expiresAt = Date().addingTimeInterval(30)
            guard case .created(let c) = try await connections.connect(userID: "u1", platform: .twitter, result: soon) else { return }
            let counter = RefreshCounter()
            try await withThrowingTaskGroup(of: SocialConnection.self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        try await connections.refreshLocked(id: c.id, userID: "u1", margin: 300, staleAccessToken: nil) { old throws(PlatformError) in
                            await counter.hit()
                            return OAuthResult(
                                platformUserID: old.platformUserID, accessToken: "fresh", refreshToken: "rotated",
                                expiresAt: Date().addingTimeInterval(7200))
                        }
                    }
                }
                for try await updated in group { #expect(updated.accessToken == "fresh") }
            }
            #expect(await counter.calls == 1)
            #expect(try await connections.connection(id: c.id, userID: "u1")?.refreshToken == "rotated")

            // An invalid grant marks the connection and is rethrown.
            await #expect(throws: PlatformError.self) {
                try await connections.refreshLocked(id: c.id, userID: "u1", margin: 300, staleAccessToken: "fresh") { _ throws(PlatformError) in
                    throw PlatformError(.invalidGrant, .twitter, "Value passed for the token was invalid.")
                }
            }
            #expect(try await connections.connection(id: c.id, userID: "u1")?.status == .needsReconnect)
        }
    }
}
