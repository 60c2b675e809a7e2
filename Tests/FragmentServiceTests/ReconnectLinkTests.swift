import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Platforms
import Testing

@testable import FragmentService

/// The Reconnect link on a failed Mastodon share names the account's server.
@Suite struct ReconnectLinkTests {
    @Test func aFailedMastodonShareLinksToTheConnectStepWithItsServerFilledIn() async throws {
        try await ConnectFlow.with { flow, deps, client in
            let session = try await BrowserSession.signedIn(client)
            try await SharePageTests.connectMastodon(flow, client, session)
            let id = try #require(try await deps.connections.connections(userID: "demo-ada").first?.id)
            try await deps.connections.markNeedsReconnect(id: id, reason: "The access token was revoked")
            let body = SharePageTests.form(
                session,
                [
                    ("url", "https://blog.rose-ash.example/posts/kiln"), ("title", "Kiln"), ("idempotency_key", "key-reconnect-0001"),
                    ("account", "\(id)"),
                ])
            let (status, page) = try await client.execute(
                uri: "/social/share/", method: .post, headers: [.cookie: session.cookie, .contentType: "application/x-www-form-urlencoded"],
                body: body
            ) { ($0.status, String(buffer: $0.body)) }
            #expect(status == .ok)
            #expect(page.contains(#"href="/social/connect/mastodon/?instance=mastodon.social""#))
            // The link opens the server form already filled in.
            let (formStatus, form, _) = try await ConnectFlowTests.get(client, "/social/connect/mastodon/?instance=mastodon.social", session)
            #expect(formStatus == .ok)
            #expect(form.contains(#"value="mastodon.social""#))
        }
    }
}
