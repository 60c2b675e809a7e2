import Foundation
import Platforms
import SocialCore
import Testing

@testable import FragmentService

/// Which rules fire for a resolved event, now that the planner asks the rule repository for the
/// candidates and creates every job in one insert.
@Suite struct AutoSharePlannerTests {
    @Test func rulesFireForTheirAuthorsEventsOrForAuthorlessEventsOfAnAppTheyNameAndOnlyWhileTheirAccountIsConnected() async throws {
        let rules = MemoryRuleRepository()
        let connections = MemoryConnectionRepository()
        let jobs = MemoryAutoShareRepository()
        var ids: [String: Int64] = [:]
        for (user, account) in [("u1", "a"), ("u1", "gone"), ("u2", "feed"), ("u2", "off")] {
            guard
                case .created(let connection) = try await connections.connect(
                    userID: user, platform: .mastodon, result: ConnectionRepositoryTests.result(account))
            else { throw HarnessFailure("connect did not create") }
            ids[account] = connection.id
        }
        func rule(_ user: String, _ account: String, _ extra: String = "") async throws {
            let input = try JSONDecoder().decode(
                ShareRuleInput.self, from: Data(#"{"connection_id":\#(ids[account] ?? 0),"mode":"auto"\#(extra)}"#.utf8))
            _ = try await rules.save(input, id: nil, userID: user)
        }
        try await rule("u1", "a", #","message_template":"{title}""#)
        try await rule("u1", "gone")
        try await rule("u2", "feed", #","source_apps":["blog"]"#)
        try await rule("u2", "off", #","source_apps":["blog"],"enabled":false"#)
        _ = try await connections.disconnect(id: ids["gone"] ?? 0, userID: "u1")

        let planner = AutoSharePlanner(rules: rules, connections: connections, jobs: jobs, signal: WakeSignal(), logger: TestEnvironment.logger)
        let events = MemoryPublishEventRepository()
        func plan(_ eventID: String, author: String?) async throws -> Int {
            let event = try await events.record(
                NewPublishEvent(
                    appID: "blog", eventID: eventID, contentType: "blog_post", url: "https://blog.rose-ash.example/\(eventID)", title: "Kiln",
                    authorUserID: author)
            ).event
            return try await planner.plan(event: event, record: ContentRecord.merge(event: event, scraped: nil, app: PublishWebhookTests.blog))
        }
        // u1's own event: its rule on the connected account; not the one whose account is gone,
        // and not u2's (which names the app, but the event has an author).
        #expect(try await plan("authored", author: "u1") == 1)
        // An event without an author (a feed): the enabled rule that names the app.
        #expect(try await plan("feed", author: nil) == 1)
        #expect(try await plan("nobody", author: "u3") == 0)
        let u1 = try await jobs.jobs(userID: "u1", limit: 10)
        let u2 = try await jobs.jobs(userID: "u2", limit: 10)
        #expect(u1.map(\.connectionID) == [ids["a"]] && u1.first?.message == "Kiln")
        #expect(u2.map(\.connectionID) == [ids["feed"]])
    }
}
