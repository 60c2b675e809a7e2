import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import PostgresNIO
import Testing

@testable import FragmentService

/// `/readyz` over real HTTP against real PostgreSQL: ready only when the database answers and
/// every migration is applied; `/healthz` answers either way.
@Suite(.enabled(if: TestDatabase.isAvailable)) struct ReadinessTests {
    static func answer(readiness: Readiness) async throws -> (status: HTTPResponse.Status, body: [String: String], health: HTTPResponse.Status) {
        var deps = AppDependencies.inMemory()
        deps.readiness = readiness
        let app = try await buildApplication(configuration: TestEnvironment.configuration(), dependencies: deps, logger: TestEnvironment.logger)
        return try await app.test(.live) { client in
            let health = try await client.execute(uri: "/healthz", method: .get) { $0.status }
            return try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.headers[.contentType] == "application/json")
                #expect(response.headers[.cacheControl] == "no-store")
                let body = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: String]
                return (response.status, try #require(body), health)
            }
        }
    }

    @Test func aMigratedDatabaseIsReady() async throws {
        try await TestDatabase.withDatabase { client in
            let runner = MigrationRunner(client: client, migrations: try TestDatabase.migrations(), logger: TestDatabase.logger)
            let answer = try await Self.answer(readiness: .database(runner, deadline: .seconds(30)))
            #expect(answer.status == .ok)
            #expect(answer.body == ["status": "ready"])
        }
    }

    @Test func aDatabaseBehindItsMigrationsIsNotReady() async throws {
        try await TestDatabase.withDatabase(migrated: false) { client in
            let runner = MigrationRunner(client: client, migrations: try TestDatabase.migrations(), logger: TestDatabase.logger)
            let answer = try await Self.answer(readiness: .database(runner, deadline: .seconds(30)))
            #expect(answer.status == .serviceUnavailable)
            #expect(answer.body["status"] == "unavailable")
            #expect(answer.body["reason"]?.contains("migration(s) not applied") == true, "\(answer.body)")
            #expect(answer.health == .ok)
        }
    }

    @Test func oneMissingMigrationIsEnoughToBeNotReady() async throws {
        try await TestDatabase.withDatabase { client in
            let later = Migration(version: 9999, name: "9999_from_a_newer_build", sql: "SELECT 1")
            let runner = MigrationRunner(client: client, migrations: try TestDatabase.migrations() + [later], logger: TestDatabase.logger)
            let answer = try await Self.answer(readiness: .database(runner, deadline: .seconds(30)))
            #expect(answer.status == .serviceUnavailable)
            #expect(answer.body["reason"]?.hasPrefix("1 migration(s) not applied") == true, "\(answer.body)")
        }
    }

    @Test func anUnreachableDatabaseIsNotReady() async throws {
        let port = try FreePort.find()
        let configuration = try PostgresClient.Configuration.fromURL("postgres://postgres@127.0.0.1:\(port)/none")
        let client = PostgresClient(configuration: configuration, backgroundLogger: TestDatabase.logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            let runner = MigrationRunner(client: client, migrations: try TestDatabase.migrations(), logger: TestDatabase.logger)
            let answer = try await Self.answer(readiness: .database(runner, deadline: .milliseconds(500)))
            #expect(answer.status == .serviceUnavailable)
            #expect(answer.body["reason"]?.hasPrefix("the database did not answer") == true, "\(answer.body)")
            #expect(answer.health == .ok)
        }
    }
}
