import Foundation
import Testing

@testable import Platforms

/// Threads' 250 posts per 24 hours is checked before publishing.
@Suite struct ThreadsQuotaTests {
    typealias S = MetaTestSupport

    @Test func aSpentPublishingQuotaStopsTheShareBeforePublishing() async throws {
        try await SandboxHarness.with(apps: S.apps) { sandbox in
            let tests = ThreadsClientTests()
            let credentials = try await tests.connectAda(sandbox)
            let userID = credentials.extraData["threads_user_id"] ?? credentials.platformUserID
            let headers = [("Authorization", "Bearer \(credentials.accessToken)"), ("Content-Type", "application/x-www-form-urlencoded")]
            // 250 posts published straight through the API (the profile's whole day).
            for n in 0..<250 {
                let created = try await sandbox.request(
                    .POST, "graph.threads.com/v1.0/\(userID)/threads", headers: headers, body: "media_type=TEXT&text=Post+\(n)")
                let id = try #require(SandboxHarness.firstMatch(#""id"\s*:\s*"([0-9]+)""#, in: created.body), "\(created.body)")
                let published = try await sandbox.request(
                    .POST, "graph.threads.com/v1.0/\(userID)/threads_publish", headers: headers, body: "creation_id=\(id)")
                #expect(published.status == 200)
            }
            let publishesBefore = try await Self.publishes(sandbox)
            let result = await tests.client(sandbox).share(S.content("One more"), using: credentials)
            #expect(result.outcome == .failed && result.errorKind == .rateLimited)
            #expect(result.message?.contains("250") == true)
            #expect((result.retryAfter ?? .distantPast) > Date())
            // The refused share never asked to publish.
            #expect(try await Self.publishes(sandbox) == publishesBefore)
            #expect(try await sandbox.posts(platform: "threads").count == 250)
        }
    }

    /// How many publish calls the sandbox's Threads API has received.
    static func publishes(_ sandbox: SandboxHarness) async throws -> Int {
        let recorded = try await sandbox.request(.GET, "_sandbox/requests?platform=threads")
        let requests = (try JSONSerialization.jsonObject(with: Data(recorded.body.utf8)) as? [[String: Any]]) ?? []
        return requests.filter { ($0["path"] as? String)?.hasSuffix("threads_publish") == true }.count
    }
}
