import Foundation
import Platforms
import PostgresNIO
import SocialCore
import Testing

@testable import FragmentService

/// The history filter runs in PostgreSQL's one statement, as the memory repository runs it.
@Suite(.enabled(if: TestDatabase.isAvailable, "set TEST_DATABASE_URL (make test does)"))
struct PostgresHistoryFilterTests {
    @Test func platformOutcomeAndOriginFilterInSQLAndPageWithinTheFilter() async throws {
        try await TestDatabase.withDatabase { client in
            try await client.query("INSERT INTO users (id) VALUES ('u1'), ('u2')")
            let connections = PostgresConnectionRepository(
                client: client, fernet: try Fernet(keyList: FernetKey.generate()), logger: TestDatabase.logger)
            func connect(_ user: String, _ platform: PlatformName, _ id: String) async throws -> Int64 {
                guard
                    case .created(let c) = try await connections.connect(
                        userID: user, platform: platform, result: ConnectionRepositoryTests.result(id))
                else { throw HarnessFailure("no connection") }
                return c.id
            }
            let x = try await connect("u1", .twitter, "x1")
            let mastodon = try await connect("u1", .mastodon, "1@mastodon.social")
            let stranger = try await connect("u2", .twitter, "x2")
            let shares = PostgresShareRepository(client: client, logger: TestDatabase.logger)
            func share(_ connection: Int64, _ url: String, _ origin: ShareOrigin, _ result: ShareResult?, user: String = "u1") async throws {
                guard
                    case .started(let row) = try await shares.start(
                        connectionID: connection, userID: user, url: url, title: nil, message: nil, idempotencyKey: RandomToken.make(),
                        shareAgain: false, origin: origin)
                else { throw HarnessFailure("did not start") }
                if let result { _ = try await shares.finish(id: row.id, result: result) }
            }
            try await share(x, "https://a.example/1", .manual, .published(id: "1", url: nil))
            try await share(x, "https://a.example/2", .auto, .failed(.transient, "Timed out."))
            try await share(x, "https://a.example/3", .auto, .failed(.rejectedContent, "Too long."))
            try await share(mastodon, "https://a.example/4", .auto, .unconfirmed("No answer."))
            try await share(mastodon, "https://a.example/5", .manual, nil)
            try await share(stranger, "https://a.example/6", .auto, .failed(.transient, "Timed out."), user: "u2")

            func urls(_ filter: ShareHistoryFilter, limit: Int = 10, offset: Int = 0) async throws -> [String] {
                try await shares.history(userID: "u1", filter: filter, limit: limit, offset: offset).map { String($0.share.url.suffix(1)) }
            }
            #expect(try await urls(.none) == ["5", "4", "3", "2", "1"])
            #expect(try await urls(ShareHistoryFilter(platform: .twitter)) == ["3", "2", "1"])
            #expect(try await urls(ShareHistoryFilter(platform: .mastodon)) == ["5", "4"])
            #expect(try await urls(ShareHistoryFilter(status: .failed)) == ["3", "2"])
            #expect(try await urls(ShareHistoryFilter(status: .pending)) == ["5"])
            #expect(try await urls(ShareHistoryFilter(status: .unconfirmed)) == ["4"])
            #expect(try await urls(ShareHistoryFilter(origin: .auto)) == ["4", "3", "2"])
            #expect(try await urls(ShareHistoryFilter(platform: .twitter, status: .failed, origin: .auto)) == ["3", "2"])
            #expect(try await urls(ShareHistoryFilter(platform: .linkedin)) == [])
            // Pages count within the filter.
            #expect(try await urls(ShareHistoryFilter(origin: .auto), limit: 2, offset: 1) == ["3", "2"])
            #expect(try await urls(ShareHistoryFilter(origin: .auto), limit: 2, offset: 2) == ["2"])
            // Another person's shares never appear, whatever the filter.
            #expect(try await urls(ShareHistoryFilter(platform: .twitter, status: .failed)).allSatisfy { $0 != "6" })
        }
    }
}
