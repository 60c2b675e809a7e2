import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Platforms
import Testing

@testable import FragmentService

/// Every platform through the pages a person uses: connect (choosing among offered accounts
/// where the platform offers several), open the share page, share, see the link, find the post
/// on the sandbox.
@Suite struct EveryPlatformFlowTests {
    /// The Mastodon server or Bluesky handle typed (if any) and the sandbox account that consents, per platform.
    static let cases: [(PlatformName, String?, String)] = [
        (.facebook, nil, "10000000000000001"),
        (.instagram, nil, "10000000000000001"),
        (.threads, nil, "26000000000000001"),
        (.twitter, nil, "1500000000000000001"),
        (.linkedin, nil, "ada7Lv3xQ"),
        (.mastodon, "mastodon.social", "109000000000000001"),
        (.bluesky, "ada.bsky.social", "did:plc:adal2vela3eengine4notes5"),
    ]

    @Test(arguments: cases.map(\.0))
    func connectAndShareThroughThePages(_ platform: PlatformName) async throws {
        let (_, instance, account) = try #require(Self.cases.first { $0.0 == platform })
        try await ConnectFlow.with { flow, deps, client in
            let session = try await BrowserSession.signedIn(client)
            let (_, _, location) = try await ConnectFlowTests.start(client, platform.rawValue, session, instance: instance)
            let callback = try await flow.consent(at: try #require(location), account: account)
            let (_, _, next) = try await ConnectFlowTests.get(client, callback, session)
            let landing = try #require(next)
            if landing.contains("/choose/") {
                let (_, page, _) = try await ConnectFlowTests.get(client, landing, session)
                let first = try #require(page.firstMatch(of: /name="account" value="([^"]+)"/)?.1)
                try await client.execute(
                    uri: landing, method: .post, headers: [.cookie: session.cookie, .contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: FormEncoding.encode([("_csrf", session.csrf), ("account", String(first))]))
                ) { #expect($0.headers[.location] == "/social/?notice=connected&platform=\(platform.rawValue)") }
            } else {
                #expect(landing == "/social/?notice=connected&platform=\(platform.rawValue)")
            }
            let connection = try #require(try await deps.connections.connections(userID: "demo-ada").first { $0.platform == platform })

            let url = "https://market.rose-ash.example/p/tea-bowl"
            let image = "https://market.rose-ash.example/img/tea-bowl.jpg"
            let query = "url=\(FormEncoding.escape(url))&title=Tea%20bowl&image=\(FormEncoding.escape(image))&type=product"
            let (status, page, _) = try await ConnectFlowTests.get(client, "/social/share/?" + query, session)
            #expect(status == .ok)
            #expect(page.contains(#"name="account" value="\#(connection.id)""#))
            try await client.execute(
                uri: "/social/share/", method: .post, headers: [.cookie: session.cookie, .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(
                    string: FormEncoding.encode([
                        ("_csrf", session.csrf), ("url", url), ("title", "Tea bowl"), ("image", image), ("type", "product"),
                        ("idempotency_key", "every-platform-\(platform.rawValue)"), ("account", "\(connection.id)"),
                        ("message", "Fresh from the kiln"),
                    ]))
            ) { response in
                let body = String(buffer: response.body)
                #expect(body.contains("Published"), "\(platform): \(body.prefix(400))")
                #expect(body.contains("view the post"))
            }
            let posts = try await flow.posts(platform.rawValue)
            #expect(posts.count == 1)
            if platform == .bluesky {
                // Bluesky never reads the page: the card is ours, and the link in the text is a facet.
                let post = try #require(posts.first)
                #expect(post["card_title"] as? String == "Tea bowl")
                #expect(post["link"] as? String == url)
                #expect((post["facets"] as? [[String: Any]])?.first?["uri"] as? String == url)
            }
        }
    }
}
