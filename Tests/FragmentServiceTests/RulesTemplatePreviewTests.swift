import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Platforms
import Testing

@testable import FragmentService

/// The rules page's live template preview: `POST /social/rules/template-preview/` fills the
/// template in from the person's newest publish event (or a labelled sample), and the account's
/// platform counts the post — the answer is the platform's, over real HTTP to the sandbox.
@Suite struct RulesTemplatePreviewTests {
    struct Answer: Decodable {
        struct Item: Decodable {
            var title: String
            var url: String
            var sample: Bool
        }
        var item: Item
        var platform: String
        var text: String
        var count: Int
        var limit: Int?
        var problems: [String]
        var over: Bool
    }

    static let path = "/social/rules/template-preview/"

    static func ask(
        _ client: some TestClientProtocol, _ session: BrowserSession, _ fields: [(String, String)], csrf: Bool = true
    ) async throws -> (HTTPResponse.Status, String) {
        try await client.execute(
            uri: path, method: .post,
            headers: [.cookie: session.cookie, .contentType: "application/x-www-form-urlencoded", .accept: "application/json"],
            body: ByteBuffer(string: FormEncoding.encode((csrf ? [("_csrf", session.csrf)] : []) + fields))
        ) { ($0.status, String(buffer: $0.body)) }
    }

    static func answer(_ body: String) throws -> Answer {
        try JSONDecoder().decode(Answer.self, from: Data(body.utf8))
    }

    /// Signs `user` in and connects a Mastodon account; its connection id.
    static func mastodon(
        _ flow: ConnectFlow, _ deps: ConnectFlow.Dependencies, _ client: some TestClientProtocol, as user: String
    ) async throws -> (
        BrowserSession, Int64
    ) {
        let session = try await BrowserSession.signedIn(client, as: user)
        try await SharePageTests.connectMastodon(flow, client, session)
        let id = try #require(try await deps.connections.connections(userID: user).first?.id)
        return (session, id)
    }

    @Test func theTemplateIsFilledInFromTheNewestItemAndCountedByThePlatform() async throws {
        try await ConnectFlow.with { flow, deps, client in
            let (session, id) = try await Self.mastodon(flow, deps, client, as: "user-1")
            _ = try await deps.events.record(RulePreviewTests.event("older", type: "blog_post"))
            _ = try await deps.events.record(RulePreviewTests.event("kiln", type: "blog_post", tags: ["pottery", "wood fired"]))
            _ = try await deps.events.record(RulePreviewTests.event("theirs", type: "blog_post", author: "user-2"))
            let (status, body) = try await Self.ask(client, session, [("connection_id", "\(id)"), ("message_template", "New: {title} {hashtags}")])
            #expect(status == .ok)
            let answer = try Self.answer(body)
            #expect(answer.item.title == "Item kiln" && !answer.item.sample)
            #expect(answer.platform == "Mastodon")
            // Mastodon's own shape: the message, a blank line, the link — counted with the link as 23.
            #expect(answer.text == "New: Item kiln #pottery #woodfired\n\nhttps://blog.rose-ash.example/kiln")
            #expect(answer.count == "New: Item kiln #pottery #woodfired\n\n".count + 23)
            #expect(answer.limit == 500 && !answer.over && answer.problems.isEmpty)

            // An empty template is the default a saved rule gets: the title.
            let (_, plain) = try await Self.ask(client, session, [("connection_id", "\(id)"), ("message_template", "")])
            #expect(try Self.answer(plain).text == "Item kiln\n\nhttps://blog.rose-ash.example/kiln")
        }
    }

    @Test func withoutAnyPublishedItemASampleIsUsedAndSaysSo() async throws {
        try await ConnectFlow.with { flow, deps, client in
            let (session, id) = try await Self.mastodon(flow, deps, client, as: "user-1")
            let (status, body) = try await Self.ask(client, session, [("connection_id", "\(id)"), ("message_template", "{title}")])
            #expect(status == .ok)
            let answer = try Self.answer(body)
            #expect(answer.item.sample)
            #expect(answer.text.hasPrefix(TemplatePreview.sample.title ?? "-"))
            // The page shows the same preview for its form before anything is typed, labelled as a sample.
            let (_, page, _) = try await ConnectFlowTests.get(client, "/social/rules/", session)
            #expect(page.contains("Filled in from a sample item, as you have not published anything yet."))
            #expect(page.contains(#"<span id="template-preview-platform">Mastodon</span>"#))
            #expect(page.contains(#"<script src="/static/rules.js" defer></script>"#))
        }
    }

    @Test func aPostOverThePlatformsLimitIsFlaggedWithTheReason() async throws {
        try await ConnectFlow.with { flow, deps, client in
            let (session, id) = try await Self.mastodon(flow, deps, client, as: "user-1")
            _ = try await deps.events.record(RulePreviewTests.event("kiln", type: "blog_post"))
            let long = String(repeating: "glaze ", count: 100) + "{title}"
            let (status, body) = try await Self.ask(client, session, [("connection_id", "\(id)"), ("message_template", long)])
            #expect(status == .ok)
            let answer = try Self.answer(body)
            #expect(answer.over && answer.count > 500 && answer.limit == 500)
            #expect(!answer.problems.isEmpty)
            // The page rendered with that template (after "Try it") says so in its live region.
            let fields = [
                ("_csrf", session.csrf), ("connection_id", "\(id)"), ("mode", "auto"), ("message_template", long), ("action", "preview"),
            ]
            let page = try await client.execute(
                uri: "/social/rules/", method: .post, headers: [.cookie: session.cookie, .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: FormEncoding.encode(fields))
            ) { String(buffer: $0.body) }
            #expect(page.contains("Over the limit: \(answer.count) of 500 characters on Mastodon."))
            #expect(page.contains(#"class="counter over">\#(answer.count) / 500<"#))
        }
    }

    @Test func badInputIsRefusedWithTheReason() async throws {
        try await ConnectFlow.with { flow, deps, client in
            let (session, id) = try await Self.mastodon(flow, deps, client, as: "user-1")
            for bad in [
                [("message_template", "{title}")], [("connection_id", "seven")], [("connection_id", "0")], [("connection_id", "-3")],
                [("connection_id", "99999999999999999999999999")],
            ] {
                let (status, body) = try await Self.ask(client, session, bad)
                #expect(status == .badRequest, "\(bad)")
                #expect(body.contains("connection_id must be the number of one of your accounts"), "\(bad)")
            }
            let (unknown, why) = try await Self.ask(client, session, [("connection_id", "\(id)"), ("message_template", "{title} {author}")])
            #expect(unknown == .badRequest)
            #expect(why.contains("unknown placeholder {author}"))
            let (long, _) = try await Self.ask(
                client, session, [("connection_id", "\(id)"), ("message_template", String(repeating: "a", count: 1001))])
            #expect(long == .badRequest)
            let (huge, _) = try await Self.ask(
                client, session, [("connection_id", "\(id)"), ("message_template", String(repeating: "é", count: 4000))])
            #expect(huge == .contentTooLarge)
            // A form without the session's token is refused like every other form.
            let (forged, _) = try await Self.ask(client, session, [("connection_id", "\(id)"), ("message_template", "{title}")], csrf: false)
            #expect(forged == .forbidden)
        }
    }

    @Test func anotherPersonsAccountIsNotFound() async throws {
        try await ConnectFlow.with { flow, deps, client in
            let (_, theirs) = try await Self.mastodon(flow, deps, client, as: "user-2")
            let session = try await BrowserSession.signedIn(client, as: "user-1")
            let (status, body) = try await Self.ask(client, session, [("connection_id", "\(theirs)"), ("message_template", "{title}")])
            #expect(status == .notFound)
            #expect(!body.contains("Mastodon"))
        }
    }

    @Test func signedOutVisitorsAreSentToSignIn() async throws {
        try await ConnectFlow.with { _, _, client in
            let visitor = try await BrowserSession.visitor(client)
            let status = try await client.execute(
                uri: Self.path, method: .post, headers: [.cookie: visitor.cookie, .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: FormEncoding.encode([("_csrf", visitor.csrf), ("connection_id", "1")]))
            ) { $0.status }
            #expect(status == .seeOther)
        }
    }
}
