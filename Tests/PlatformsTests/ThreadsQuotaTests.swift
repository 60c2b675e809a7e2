import Foundation
import Testing

@testable import Platforms

/// Threads' 250 posts per 24 hours is checked before publishing, and read for the share page.
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
            // What the share page warns with: nothing left.
            let quota = try #require(await tests.client(sandbox).publishingQuota(for: credentials))
            #expect(quota == PublishingQuota(used: 250, total: 250, windowSeconds: 86400))
            #expect(quota.left == 0)
            #expect(quota.notice(on: .threads).contains("used up"))
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

    @Test func bothMetaQuotasAreReadForTheSharePage() async throws {
        try await SandboxHarness.with(apps: S.apps) { sandbox in
            let threads = ThreadsClientTests()
            let threadsQuota = await threads.client(sandbox).publishingQuota(for: try await threads.connectAda(sandbox))
            #expect(threadsQuota == PublishingQuota(used: 0, total: 250, windowSeconds: 86400))
            let instagram = InstagramClientTests()
            let instagramQuota = await instagram.client(sandbox).publishingQuota(for: try await instagram.connectAda(sandbox))
            #expect(instagramQuota == PublishingQuota(used: 0, total: 50, windowSeconds: 86400))
            #expect(instagramQuota?.notice(on: .instagram) == "50 of the 50 posts Instagram allows in 24 hours are left for this account.")
        }
    }

    @Test func implausibleQuotaAnswersAreNoAnswer() {
        #expect(PublishingQuota(used: nil, total: 250, windowSeconds: 86400) == nil)
        #expect(PublishingQuota(used: -1, total: 250, windowSeconds: 86400) == nil)
        #expect(PublishingQuota(used: 0, total: 0, windowSeconds: 86400) == nil)
        #expect(PublishingQuota(used: 2_000_000, total: 250, windowSeconds: 86400) == nil)
        #expect(PublishingQuota(used: 0, total: Int.max, windowSeconds: 86400) == nil)
        // A window outside an hour to a week is taken as the documented day.
        #expect(PublishingQuota(used: 1, total: 50, windowSeconds: 1)?.windowHours == 24)
        #expect(PublishingQuota(used: 1, total: 50, windowSeconds: nil)?.windowHours == 24)
        #expect(PublishingQuota(used: 1, total: 50, windowSeconds: 3600)?.notice(on: .instagram).contains("in 1 hour are") == true)
        #expect(PublishingQuota(used: 60, total: 50, windowSeconds: 86400)?.left == 0)
    }
}
