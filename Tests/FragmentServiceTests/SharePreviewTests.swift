import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Platforms
import Testing

@testable import FragmentService

/// The share page's previews in each platform's shape, the warnings before posting, and an
/// account's own text ("edit for this platform") reaching that account's post only.
@Suite struct SharePreviewTests {
    static let url = "https://market.rose-ash.example/p/tea-bowl"
    static let image = "https://market.rose-ash.example/img/tea-bowl.jpg"
    static let query = "url=\(FormEncoding.escape(url))&title=Tea%20bowl&description=Thrown&image=\(FormEncoding.escape(image))&type=product"

    /// One account's part of the share page (from its block to the next account's).
    static func section(_ page: String, account id: Int64) -> String {
        guard let start = page.range(of: #"id="account-\#(id)""#) else { return "" }
        let rest = page[start.upperBound...]
        let end = rest.range(of: #"id="account-"#)?.lowerBound ?? rest.endIndex
        return String(rest[..<end])
    }

    /// The preview text the page shows for an account, unescaped.
    static func previewText(_ page: String, account id: Int64) -> String? {
        guard let match = section(page, account: id).firstMatch(of: /class="post-text" id="text-\d+">([^<]*)<\/p>/) else { return nil }
        return String(match.1).replacingOccurrences(of: "&amp;", with: "&")
    }

    static func post(
        _ client: some TestClientProtocol, _ path: String, _ session: BrowserSession, _ fields: [(String, String)]
    ) async throws -> (HTTPResponse.Status, String) {
        try await client.execute(
            uri: path, method: .post, headers: [.cookie: session.cookie, .contentType: "application/x-www-form-urlencoded"],
            body: SharePageTests.form(session, fields)
        ) { ($0.status, String(buffer: $0.body)) }
    }

    @Test func eachAccountPreviewsTheExactTextItsPlatformWillBeSentWithItsLinkCardAndCount() async throws {
        try await ConnectFlow.with { flow, deps, client in
            let session = try await BrowserSession.signedIn(client)
            var ids: [PlatformName: Int64] = [:]
            for platform in [PlatformName.twitter, .mastodon, .instagram, .threads, .linkedin, .facebook] {
                ids[platform] = try await flow.connect(platform, session: session, client: client, deps: deps).id
            }
            let (status, page, _) = try await ConnectFlowTests.get(client, "/social/share/?" + Self.query, session)
            #expect(status == .ok)
            let x = try #require(ids[.twitter]), mastodon = try #require(ids[.mastodon]), instagram = try #require(ids[.instagram])
            let threads = try #require(ids[.threads]), linkedin = try #require(ids[.linkedin]), facebook = try #require(ids[.facebook])
            // The text each client posts: X and Mastodon carry the link, Instagram's caption has it as plain text,
            // the others send it beside the text.
            #expect(Self.previewText(page, account: x) == "Tea bowl \(Self.url)")
            #expect(Self.previewText(page, account: mastodon) == "Tea bowl\n\n\(Self.url)")
            #expect(Self.previewText(page, account: instagram) == "Tea bowl\n\n\(Self.url)")
            #expect(Self.previewText(page, account: threads) == "Tea bowl")
            #expect(Self.previewText(page, account: linkedin) == "Tea bowl")
            #expect(Self.previewText(page, account: facebook) == "Tea bowl")
            // X counts the link as 23: "Tea bowl " is 9.
            #expect(Self.section(page, account: x).contains(#"id="count-\#(x)" data-account="\#(x)" aria-live="polite">32 / 280<"#))
            #expect(Self.section(page, account: x).contains("counts as 23 characters"))
            // Instagram: no card, the image is the post and the link cannot be clicked.
            #expect(Self.section(page, account: instagram).contains("does not make it clickable"))
            #expect(!Self.section(page, account: instagram).contains("link-card"))
            #expect(Self.section(page, account: instagram).contains(#"class="post-image""#))
            // The card: built from the page by Threads, exactly what we send on LinkedIn.
            #expect(Self.section(page, account: threads).contains("link-card-title\">Tea bowl<"))
            #expect(Self.section(page, account: threads).contains("Threads builds the card itself"))
            #expect(Self.section(page, account: linkedin).contains("card shows exactly this title"))
            #expect(Self.section(page, account: linkedin).contains("link-card-description\">Thrown<"))
            // Alt text goes to Instagram only, and the page says so.
            #expect(page.contains("sent to Instagram as alt text"))
        }
    }

    @Test func thePageWarnsBeforePostingWherePlatformsChargeOrLimit() async throws {
        try await ConnectFlow.with { flow, deps, client in
            let session = try await BrowserSession.signedIn(client)
            let x = try await flow.connect(.twitter, session: session, client: client, deps: deps).id
            let threads = try await flow.connect(.threads, session: session, client: client, deps: deps).id
            let instagram = try await flow.connect(.instagram, session: session, client: client, deps: deps).id
            let mastodon = try await flow.connect(.mastodon, session: session, client: client, deps: deps).id
            let (_, page, _) = try await ConnectFlowTests.get(client, "/social/share/?" + Self.query, session)
            #expect(Self.section(page, account: x).contains("$0.20 for every post that contains a link"))
            // The quotas are read live from the sandbox, which allows 250 (Threads) and 50 (Instagram) a day.
            #expect(Self.section(page, account: threads).contains("250 of the 250 posts Threads allows in 24 hours are left"))
            #expect(Self.section(page, account: instagram).contains("50 of the 50 posts Instagram allows in 24 hours are left"))
            #expect(!Self.section(page, account: mastodon).contains(#"class="warning""#))

            // One Threads post later, the page counts it.
            let (status, _) = try await Self.post(
                client, "/social/share/", session,
                [("url", Self.url), ("title", "Tea bowl"), ("idempotency_key", "threads-quota-0123456789"), ("account", "\(threads)")])
            #expect(status == .ok)
            #expect(try await flow.posts("threads").count == 1)
            let (_, after, _) = try await ConnectFlowTests.get(client, "/social/share/?" + Self.query, session)
            #expect(Self.section(after, account: threads).contains("249 of the 250 posts Threads allows in 24 hours are left"))
        }
    }

    @Test func anAccountsOwnTextReachesThatPlatformOnlyAndTheOthersPostTheCommonMessage() async throws {
        try await ConnectFlow.with { flow, deps, client in
            let session = try await BrowserSession.signedIn(client)
            let x = try await flow.connect(.twitter, session: session, client: client, deps: deps).id
            let mastodon = try await flow.connect(.mastodon, session: session, client: client, deps: deps).id
            let linkedin = try await flow.connect(.linkedin, session: session, client: client, deps: deps).id
            let (status, body) = try await Self.post(
                client, "/social/share/", session,
                [
                    ("url", Self.url), ("title", "Tea bowl"), ("idempotency_key", "own-text-0123456789abc"), ("message", "Fresh from the kiln"),
                    ("account", "\(x)"), ("account", "\(mastodon)"), ("account", "\(linkedin)"),
                    (ShareDraft.ownMessageField(x), "Short one for X"), (ShareDraft.ownMessageField(mastodon), "  "),
                ])
            #expect(status == .ok)
            #expect(body.components(separatedBy: "Published").count - 1 == 3, "\(body.prefix(600))")
            #expect(try await flow.posts("twitter").map { $0["text"] as? String } == ["Short one for X \(Self.url)"])
            // A blank own text means the common message.
            #expect(try await flow.posts("mastodon").map { $0["text"] as? String } == ["Fresh from the kiln\n\n\(Self.url)"])
            #expect(try await flow.posts("linkedin").map { $0["text"] as? String } == ["Fresh from the kiln"])
            // Each attempt records the text its account was sent.
            let stored = try await deps.shares.history(userID: "demo-ada", limit: 10, offset: 0)
            #expect(stored.first { $0.share.connectionID == x }?.share.message == "Short one for X")
            #expect(stored.first { $0.share.connectionID == mastodon }?.share.message == "Fresh from the kiln")

            // The same form again is the same submission for every account, own text or not.
            let (_, again) = try await Self.post(
                client, "/social/share/", session,
                [
                    ("url", Self.url), ("title", "Tea bowl"), ("idempotency_key", "own-text-0123456789abc"), ("message", "Fresh from the kiln"),
                    ("account", "\(x)"), (ShareDraft.ownMessageField(x), "Another text for X"),
                ])
            #expect(again.contains("Published"))
            #expect(try await flow.posts("twitter").count == 1)
        }
    }

    @Test func liveCountsAnswerEachAccountsTextWithItsOwnTextApplied() async throws {
        try await ConnectFlow.with { flow, deps, client in
            let session = try await BrowserSession.signedIn(client)
            let x = try await flow.connect(.twitter, session: session, client: client, deps: deps).id
            let mastodon = try await flow.connect(.mastodon, session: session, client: client, deps: deps).id
            let path =
                "/social/share/count/?url=\(FormEncoding.escape(Self.url))&title=T&message=Common"
                + "&\(ShareDraft.ownMessageField(x))=\(String(repeating: "y", count: 300))"
            let (status, json, _) = try await ConnectFlowTests.get(client, path, session)
            #expect(status == .ok)
            let counts = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]] ?? []
            let forX = try #require(counts.first { ($0["id"] as? Int).map(Int64.init) == x })
            let forMastodon = try #require(counts.first { ($0["id"] as? Int).map(Int64.init) == mastodon })
            #expect(forX["text"] as? String == String(repeating: "y", count: 300) + " " + Self.url)
            #expect(forX["count"] as? Int == 324)
            #expect((forX["problem"] as? String)?.contains("Too long") == true)
            #expect(forMastodon["text"] as? String == "Common\n\n\(Self.url)")
            #expect(forMastodon["problem"] == nil || forMastodon["problem"] is NSNull)
        }
    }

    @Test func updatePreviewsShowsThePageAgainForTheDraftAndPostsNothing() async throws {
        try await ConnectFlow.with { flow, deps, client in
            let session = try await BrowserSession.signedIn(client)
            let x = try await flow.connect(.twitter, session: session, client: client, deps: deps).id
            let mastodon = try await flow.connect(.mastodon, session: session, client: client, deps: deps).id
            let (status, page) = try await Self.post(
                client, "/social/share/preview/", session,
                [
                    ("url", Self.url), ("title", "Tea bowl"), ("idempotency_key", "preview-0123456789abcd"), ("message", "Common <b>words</b>"),
                    ("account", "\(x)"), (ShareDraft.ownMessageField(x), "Only for X"),
                ])
            #expect(status == .ok)
            #expect(Self.previewText(page, account: x) == "Only for X \(Self.url)")
            #expect(Self.previewText(page, account: mastodon) == "Common &lt;b&gt;words&lt;/b&gt;\n\n\(Self.url)")
            #expect(page.contains(#"name="message_\#(x)" rows="3" maxlength="5000" aria-describedby="count-\#(x)">Only for X</textarea>"#))
            #expect(page.contains(#">Common &lt;b&gt;words&lt;/b&gt;</textarea>"#))
            #expect(page.contains(#"value="preview-0123456789abcd""#))
            // Ticked accounts stay ticked; the others stay unticked.
            #expect(page.contains(#"name="account" value="\#(x)" aria-describedby"#) == false)
            #expect(page.contains(#"name="account" value="\#(x)" checked"#))
            #expect(page.contains(#"name="account" value="\#(mastodon)" checked"#) == false)
            #expect(try await flow.posts("twitter").isEmpty)
            #expect(try await flow.posts("mastodon").isEmpty)
        }
    }
}

extension ConnectFlow {
    /// Connects `platform` for Ada through the pages and the sandbox's consent page, choosing the
    /// first offered account where several are offered; returns the connection.
    func connect(
        _ platform: PlatformName, session: BrowserSession, client: some TestClientProtocol, deps: Dependencies
    ) async throws -> SocialConnection {
        let (_, instance, account) = try #require(EveryPlatformFlowTests.cases.first { $0.0 == platform })
        let (_, _, location) = try await ConnectFlowTests.start(client, platform.rawValue, session, instance: instance)
        let callback = try await consent(at: try #require(location), account: account)
        let (_, _, next) = try await ConnectFlowTests.get(client, callback, session)
        let landing = try #require(next)
        if landing.contains("/choose/") {
            let (_, page, _) = try await ConnectFlowTests.get(client, landing, session)
            let first = try #require(page.firstMatch(of: /name="account" value="([^"]+)"/)?.1)
            try await client.execute(
                uri: landing, method: .post, headers: [.cookie: session.cookie, .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: FormEncoding.encode([("_csrf", session.csrf), ("account", String(first))]))
            ) { #expect($0.status == .seeOther) }
        }
        return try #require(try await deps.connections.connections(userID: "demo-ada").first { $0.platform == platform })
    }
}
