import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Platforms
import SocialCore
import Testing

@testable import FragmentService

/// `/social/history/` filtered by platform, outcome and origin through its GET form, with the
/// filter kept across pages, a link to each post and a reason for each failure.
@Suite struct HistoryFilterTests {
    typealias Dependencies = AppDependencies<MemoryRepositories>

    /// Ada's X and Mastodon accounts and one share of each kind on them.
    static func seeded() async throws -> (Dependencies, x: Int64, mastodon: Int64) {
        let deps = AppDependencies.inMemory()
        func connect(_ platform: PlatformName, _ name: String) async throws -> Int64 {
            guard
                case .created(let c) = try await deps.connections.connect(
                    userID: "demo-ada", platform: platform,
                    result: OAuthResult(platformUserID: "\(platform.rawValue)-1", displayName: name, accessToken: "token"))
            else { throw HarnessFailure("connect did not create") }
            return c.id
        }
        let x = try await connect(.twitter, "Ada on X")
        let mastodon = try await connect(.mastodon, "Ada on Mastodon")
        try await share(deps, x, "https://blog.example/x-published", .manual, .published(id: "1", url: "https://x.com/ada/status/1"))
        try await share(deps, x, "https://blog.example/x-failed", .auto, .failed(.rejectedContent, "X refused the post: duplicate content."))
        try await share(deps, mastodon, "https://blog.example/m-unconfirmed", .auto, .unconfirmed(""))
        try await share(deps, mastodon, "https://blog.example/m-published", .manual, .published(id: "2", url: nil))
        return (deps, x, mastodon)
    }

    static func share(_ deps: Dependencies, _ connection: Int64, _ url: String, _ origin: ShareOrigin, _ result: ShareResult?) async throws {
        guard
            case .started(let record) = try await deps.shares.start(
                connectionID: connection, userID: "demo-ada", url: url, title: nil, message: nil, idempotencyKey: RandomToken.make(),
                shareAgain: true, origin: origin)
        else { throw HarnessFailure("share did not start") }
        if let result { _ = try await deps.shares.finish(id: record.id, result: result) }
    }

    static func withPages(_ deps: Dependencies, _ body: @Sendable (any TestClientProtocol, BrowserSession) async throws -> Void) async throws {
        let app = try await buildApplication(configuration: TestEnvironment.configuration(), dependencies: deps, logger: TestEnvironment.logger)
        try await app.test(.router) { client in try await body(client, try await BrowserSession.signedIn(client)) }
    }

    /// The shared URLs the page lists, top to bottom.
    static func listed(_ page: String) -> [String] {
        page.matches(of: /<td><a href="(https:\/\/blog\.example\/[^"]+)">/).map { String($0.1) }
    }

    @Test func eachFilterNarrowsTheListAndTheyCombine() async throws {
        let (deps, _, _) = try await Self.seeded()
        try await Self.withPages(deps) { client, session in
            let cases: [(String, [String])] = [
                ("", ["m-published", "m-unconfirmed", "x-failed", "x-published"]),
                ("?platform=twitter", ["x-failed", "x-published"]),
                ("?outcome=published", ["m-published", "x-published"]),
                ("?outcome=unconfirmed", ["m-unconfirmed"]),
                ("?origin=automatic", ["m-unconfirmed", "x-failed"]),
                ("?origin=manual&platform=mastodon", ["m-published"]),
                ("?platform=twitter&outcome=unconfirmed", []),
                // The form's "all" choices send empty values.
                ("?platform=&outcome=failed&origin=", ["x-failed"]),
            ]
            for (query, expected) in cases {
                let (status, page, _) = try await ConnectFlowTests.get(client, "/social/history/" + query, session)
                #expect(status == .ok, "\(query)")
                #expect(Self.listed(page) == expected.map { "https://blog.example/" + $0 }, "\(query)")
            }
            let (_, none, _) = try await ConnectFlowTests.get(client, "/social/history/?platform=twitter&outcome=unconfirmed", session)
            #expect(none.contains("No shares match these filters."))
        }
    }

    @Test func theFormShowsTheChosenFilterAndEveryControlHasALabel() async throws {
        let (deps, _, _) = try await Self.seeded()
        try await Self.withPages(deps) { client, session in
            let (_, page, _) = try await ConnectFlowTests.get(client, "/social/history/?platform=mastodon&outcome=failed&origin=automatic", session)
            #expect(page.contains(#"<form method="get" action="/social/history/""#))
            for (id, name, chosen) in [
                ("filter-platform", "platform", "mastodon"), ("filter-outcome", "outcome", "failed"), ("filter-origin", "origin", "automatic"),
            ] {
                #expect(page.contains(#"<label for="\#(id)">"#))
                #expect(page.contains(#"<select id="\#(id)" name="\#(name)">"#))
                #expect(page.contains(#"<option value="\#(chosen)" selected>"#))
            }
            #expect(page.contains(#"<a href="/social/history/">Clear filters</a>"#))
            let (_, plain, _) = try await ConnectFlowTests.get(client, "/social/history/", session)
            #expect(!plain.contains("Clear filters"))
            #expect(plain.contains(#"<option value="" selected>All platforms</option>"#))
        }
    }

    @Test func rowsLinkToTheirPostsAndSayWhyAShareFailedOrIsUnconfirmed() async throws {
        let (deps, _, _) = try await Self.seeded()
        try await Self.withPages(deps) { client, session in
            let (_, page, _) = try await ConnectFlowTests.get(client, "/social/history/", session)
            #expect(page.contains(#"<a href="https://x.com/ada/status/1">view the post"#))
            #expect(page.contains("X refused the post: duplicate content."))
            // An unconfirmed share stored without a message still says what to do.
            #expect(page.contains("The platform did not confirm the post. Check the account before sharing again."))
            #expect(page.contains(">Not confirmed<") && page.contains(">Failed<") && page.contains(">Published<"))
            #expect(page.contains(">Automatic<") && page.contains(">Manual<"))
        }
    }

    @Test(arguments: ["platform=myspace", "outcome=deleted", "origin=auto", "outcome=Published", "platform=twitter&origin=robot"])
    func anUnknownFilterValueIsAClear400(query: String) async throws {
        let (deps, _, _) = try await Self.seeded()
        try await Self.withPages(deps) { client, session in
            let (status, page, _) = try await ConnectFlowTests.get(client, "/social/history/?" + query, session)
            #expect(status == .badRequest, "\(query)")
            let name = String(query.split(separator: "&").last?.split(separator: "=").first ?? "")
            #expect(page.contains("\(name) must be one of"), "\(query)")
        }
    }

    @Test func pageLinksKeepTheFilter() async throws {
        let (deps, x, _) = try await Self.seeded()
        for index in 0..<21 {
            try await Self.share(deps, x, "https://blog.example/bulk-\(index)", .auto, .failed(.transient, "Timed out."))
        }
        try await Self.withPages(deps) { client, session in
            let (_, first, _) = try await ConnectFlowTests.get(client, "/social/history/?platform=twitter&outcome=failed", session)
            #expect(Self.listed(first).count == 20)
            #expect(first.contains(#"<a href="/social/history/?platform=twitter&amp;outcome=failed&amp;page=2">Older</a>"#))
            let (_, second, _) = try await ConnectFlowTests.get(client, "/social/history/?platform=twitter&outcome=failed&page=2", session)
            // 22 failed X shares: the 21 above and the seeded one, which is the oldest.
            #expect(Self.listed(second) == ["https://blog.example/bulk-0", "https://blog.example/x-failed"])
            #expect(second.contains(#"<a href="/social/history/?platform=twitter&amp;outcome=failed">Newer</a>"#))
            #expect(!second.contains(">Older<"))
        }
    }
}
