import Foundation
import PostgresNIO
import Testing

@testable import FragmentService

@Suite(.enabled(if: TestDatabase.isAvailable, "set TEST_DATABASE_URL (make test does)"))
struct PostgresSessionStorageTests {
    @Test func sessionsAreFoundByHashEndedOneOrAllAtOnceAndExpiredRowsAreDeleted() async throws {
        try await TestDatabase.withDatabase { client in
            let users = PostgresUserRepository(client: client, logger: TestDatabase.logger)
            _ = try await users.upsert(id: "ada", displayName: "Ada")
            _ = try await users.upsert(id: "grace", displayName: "Grace")
            let sessions = PostgresSessionRepository(client: client, logger: TestDatabase.logger)
            let now = Date()
            let old = SessionCodec.hash("old"), laptop = SessionCodec.hash("laptop"), phone = SessionCodec.hash("phone")
            let other = SessionCodec.hash("other")
            try await sessions.create(idHash: old, userID: "ada", expiresAt: now.addingTimeInterval(-1), now: now.addingTimeInterval(-10))
            #expect(try await sessions.userID(idHash: old, now: now) == nil)
            try await sessions.create(idHash: laptop, userID: "ada", expiresAt: now.addingTimeInterval(3600), now: now)
            try await sessions.create(idHash: phone, userID: "ada", expiresAt: now.addingTimeInterval(3600), now: now)
            try await sessions.create(idHash: other, userID: "grace", expiresAt: now.addingTimeInterval(3600), now: now)
            let rows = try await client.query("SELECT count(*)::int FROM sessions", logger: TestDatabase.logger)
            for try await count in rows.decode(Int.self) { #expect(count == 3) }  // the expired one was pruned
            #expect(try await sessions.userID(idHash: laptop, now: now) == "ada")

            try await sessions.delete(idHash: laptop)
            #expect(try await sessions.userID(idHash: laptop, now: now) == nil)
            #expect(try await sessions.userID(idHash: phone, now: now) == "ada")
            #expect(try await sessions.deleteAll(userID: "ada") == 1)
            #expect(try await sessions.userID(idHash: phone, now: now) == nil)
            #expect(try await sessions.userID(idHash: other, now: now) == "grace")
        }
    }
}
