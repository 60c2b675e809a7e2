import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Platforms
import Testing

@testable import FragmentService

@Suite struct SharePageTests {
    static let xss = #""><script>alert(1)</script>"#

    /// Connects Ada's Mastodon account through the pages, as a person would.
    static func connectMastodon(_ flow: ConnectFlow, _ client: some TestClientProtocol, _ session: BrowserSession) async throws {
        let (_, _, location) = try await ConnectFlowTests.start(client, "mastodon", session, instance: "mastodon.social")
        let callback = try await flow.consent(at: try #require(location), account: "109000000000000001")
        _ = try await ConnectFlowTests.get(client, callback, session)
    }

    static func form(_ session: BrowserSession, _ fields: [(String, String)]) -> ByteBuffer {
        ByteBuffer(string: FormEncoding.encode([("_csrf", session.csrf)] + fields))
    }

    @Test func sharingFromThePagePublishesAndShowsTheLinkThenHistoryListsIt() async throws {
        try await ConnectFlow.with { flow, deps, client in
            let session = try await BrowserSession.signedIn(client)
            try await Self.connectMastodon(flow, client, session)
            let id = try #require(try await deps.connections.connections(userID: "demo-ada").first?.id)
            let query =
                "url=" + FormEncoding.escape("https://blog.rose-ash.example/posts/kiln?x=1&y=2") + "&title=" + FormEncoding.escape("Kiln " + Self.xss)
                + "&description=" + FormEncoding.escape(Self.xss)
            let (status, page, _) = try await ConnectFlowTests.get(client, "/social/share/?" + query, session)
            #expect(status == .ok)
            #expect(!page.contains("<script>alert(1)</script>"))
            #expect(page.contains("&lt;script&gt;"))
            #expect(page.contains(#"name="account" value="\#(id)""#))
            #expect(page.firstMatch(of: /id="count-\d+"[^>]*>\d+ \/ 500</) != nil)

            let fields = [
                ("url", "https://blog.rose-ash.example/posts/kiln?x=1&y=2"), ("title", "Kiln " + Self.xss),
                ("idempotency_key", "key-0123456789abcdef"),
                ("account", "\(id)"), ("message", "Fresh from the kiln " + Self.xss),
            ]
            try await client.execute(
                uri: "/social/share/", method: .post, headers: [.cookie: session.cookie, .contentType: "application/x-www-form-urlencoded"],
                body: Self.form(session, fields)
            ) { response in
                let body = String(buffer: response.body)
                #expect(response.status == .ok)
                #expect(body.contains("Published"))
                #expect(body.contains("view the post"))
                #expect(!body.contains("<script>alert(1)</script>"))
            }
            // The same form again (double submit): nothing new posted.
            try await client.execute(
                uri: "/social/share/", method: .post,
                headers: [.cookie: session.cookie, .contentType: "application/x-www-form-urlencoded", HTTPField.Name("X-Requested-With")!: "fetch"],
                body: Self.form(session, fields)
            ) { response in
                let body = String(buffer: response.body)
                #expect(!body.contains("<html"))
                #expect(body.contains("Published"))
            }
            let posts = try await flow.posts("mastodon")
            #expect(posts.count == 1)
            #expect((posts.first?["text"] as? String)?.contains("Fresh from the kiln") == true)

            // The share page now marks the account as already shared.
            let (_, again, _) = try await ConnectFlowTests.get(client, "/social/share/?" + query, session)
            #expect(again.contains("Already shared"))

            let (_, history, _) = try await ConnectFlowTests.get(client, "/social/history/", session)
            #expect(history.contains("published"))
            #expect(!history.contains("<script>alert(1)</script>"))
        }
    }

    @Test func liveCountsFollowThePlatformsRules() async throws {
        try await ConnectFlow.with { flow, deps, client in
            let session = try await BrowserSession.signedIn(client)
            try await Self.connectMastodon(flow, client, session)
            let (status, json, _) = try await ConnectFlowTests.get(
                client, "/social/share/count/?url=https%3A%2F%2Fa.example%2F&title=T&message=" + String(repeating: "x", count: 600), session)
            #expect(status == .ok)
            #expect(json.contains(#""limit":500"#))
            #expect(json.contains("Too long"))
        }
    }

    @Test func badParametersGetAClear400Page() async throws {
        let app = try await TestEnvironment.app()
        try await app.test(.router) { client in
            let session = try await BrowserSession.signedIn(client)
            for (query, words) in [
                ("", "&quot;url&quot; is required"), ("url=javascript%3Aalert(1)", "http or https"),
                ("url=https%3A%2F%2Fuser%3Apw%40evil.example%2F", "user name or password"),
                ("url=https%3A%2F%2Fa.example%2F&image=ftp%3A%2F%2Fx", "image"),
                ("url=https%3A%2F%2Fa.example%2F&type=podcast", "type"),
                ("url=https%3A%2F%2Fa.example%2F&title=" + String(repeating: "t", count: 301), "title"),
            ] {
                let (status, body, _) = try await ConnectFlowTests.get(client, "/social/share/?" + query, session)
                #expect(status == .badRequest, "\(query)")
                #expect(body.contains(words), "\(query)")
            }
            let (empty, page, _) = try await ConnectFlowTests.get(client, "/social/share/?url=https%3A%2F%2Fa.example%2F", session)
            #expect(empty == .ok)
            #expect(page.contains("no connected accounts"))
        }
    }
}

extension SharePageTests {
    @Test func aFormNamingMoreAccountsThanThePageCouldListIsRefusedWithA400() async throws {
        let app = try await TestEnvironment.app()
        try await app.test(.router) { client in
            let session = try await BrowserSession.signedIn(client)
            func post(accounts: Int) async throws -> (HTTPResponse.Status, String) {
                let fields = [("url", "https://a.example/"), ("title", "A")] + (1...accounts).map { ("account", "\($0)") }
                return try await client.execute(
                    uri: "/social/share/", method: .post, headers: [.cookie: session.cookie, .contentType: "application/x-www-form-urlencoded"],
                    body: Self.form(session, fields)
                ) { ($0.status, String(buffer: $0.body)) }
            }
            let (tooMany, refusal) = try await post(accounts: ShareOrder.accountLimit + 1)
            #expect(tooMany == .badRequest)
            #expect(refusal.contains("at most 200 accounts"))
            // At the limit the form is taken: none of these ids is the person's account.
            let (atLimit, page) = try await post(accounts: ShareOrder.accountLimit)
            #expect(atLimit == .ok)
            #expect(page.components(separatedBy: "not one of your connected accounts").count - 1 == ShareOrder.accountLimit)
        }
    }
}

@Suite struct FragmentToSharePageTests {
    /// Whatever the Share button accepts, the share page it links to must accept too.
    @Test(arguments: [
        "https://shop.example/p?id=1&ref=a b#frag",
        "https://blog.example/posts/café-日本",
        "HTTPS://Events.Example/gig?x=1+2",
    ])
    func everyURLTheButtonAcceptsOpensTheSharePage(_ url: String) async throws {
        let app = try await TestEnvironment.app()
        try await app.test(.router) { client in
            let href = try await client.execute(
                uri: "/fragments/share-button?url=\(FormEncoding.escape(url))&title=T&type=event", method: .get
            ) { response in
                #expect(response.status == .ok)
                return try #require(String(buffer: response.body).firstMatch(of: /href="([^"]+)"/)?.1)
            }
            let path = String(href.replacingOccurrences(of: "&amp;", with: "&").dropFirst("http://127.0.0.1:8080".count))
            let session = try await BrowserSession.signedIn(client)
            let (status, page, _) = try await ConnectFlowTests.get(client, path, session)
            #expect(status == .ok, "\(url): \(page.prefix(300))")
        }
    }
}
