import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Platforms
import Testing

@testable import FragmentService

/// "What would this rule have shared?": the rules page tries the form's rule on the person's last
/// publish events, as the planner would, and saves nothing.
@Suite struct RulePreviewTests {
    static func event(_ id: String, type: String, app: String = "blog", tags: [String] = [], author: String = "user-1") -> NewPublishEvent {
        NewPublishEvent(
            appID: app, eventID: id, contentType: type, url: "https://blog.rose-ash.example/\(id)", title: "Item \(id)",
            description: "About \(id)", tags: tags, authorUserID: author)
    }

    @Test func mismatchesSayWhyInWords() {
        let rule = RulePreview.rule(
            ShareRuleInput(
                connectionID: 1, mode: "auto", contentTypes: ["event"], sourceApps: ["events"], tags: ["kilns", "glaze"], tagsMatch: "all"))
        func event(_ type: String, app: String, tags: [String]) -> PublishEvent {
            PublishEvent(
                id: 1, appID: app, eventID: "e", source: .webhook, contentType: type, url: "https://x.example/", tags: tags, state: .received,
                attempts: 0, receivedAt: Date())
        }
        #expect(RulePreview.mismatch(rule, event("blog_post", app: "events", tags: [])) == "it is a blog post, and the rule takes event only")
        #expect(RulePreview.mismatch(rule, event("event", app: "blog", tags: [])) == "it comes from blog, and the rule takes events")
        #expect(
            RulePreview.mismatch(rule, event("event", app: "events", tags: ["kilns"])) == "it has tags #kilns, and the rule needs #kilns and #glaze")
        #expect(RulePreview.mismatch(rule, event("event", app: "events", tags: ["Kilns", "glaze"])) == nil)
    }

    @Test func tryingARuleShowsWhatItWouldPostAndSavesNothing() async throws {
        try await ConnectFlow.with { flow, deps, client in
            let session = try await BrowserSession.signedIn(client, as: "user-1")
            try await SharePageTests.connectMastodon(flow, client, session)
            let id = try #require(try await deps.connections.connections(userID: "user-1").first?.id)
            _ = try await deps.events.record(Self.event("kiln", type: "blog_post", tags: ["pottery"]))
            _ = try await deps.events.record(Self.event("fair", type: "event", app: "events"))
            _ = try await deps.events.record(Self.event("other", type: "blog_post", tags: ["pottery"], author: "user-2"))
            let fields = [
                ("_csrf", session.csrf), ("connection_id", "\(id)"), ("mode", "auto"), ("content_types", "blog_post"),
                ("tags", "#pottery"), ("message_template", "New: {title} {hashtags}"), ("enabled", "on"), ("action", "preview"),
            ]
            let (status, page) = try await client.execute(
                uri: "/social/rules/", method: .post, headers: [.cookie: session.cookie, .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: FormEncoding.encode(fields))
            ) { ($0.status, String(buffer: $0.body)) }
            #expect(status == .ok)
            #expect(page.contains("Of your last 2 published items, this rule would have shared 1."))
            // The Mastodon post: the message, a blank line, the link; counted as Mastodon counts it.
            #expect(page.contains("New: Item kiln #pottery\n\nhttps://blog.rose-ash.example/kiln"))
            #expect(page.contains("it is an event, and the rule takes blog post only"))
            #expect(!page.contains("Item other"))
            // The form comes back as sent.
            #expect(page.contains(##"value="#pottery""##) && page.contains("New: {title} {hashtags}</textarea>"))
            #expect(try await deps.rules.rules(userID: "user-1").isEmpty)
        }
    }
}
