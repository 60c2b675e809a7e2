import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Platforms
import Testing

@testable import FragmentService

/// With a retired `LinkedIn-Version` configured, people see that posting to LinkedIn is
/// paused by the operator's settings (not a failed share each), and nothing is sent to LinkedIn.
@Suite struct OperatorAlertTests {
    @Test func aRetiredLinkedInVersionPausesLinkedInOnTheSharePageAndInTheService() async throws {
        try await ConnectFlow.with(environment: ["SOCIAL_LINKEDIN_VERSION": "202511"]) { flow, deps, client in
            let session = try await BrowserSession.signedIn(client)
            let (_, _, location) = try await ConnectFlowTests.start(client, "linkedin", session, instance: nil)
            let callback = try await flow.consent(at: try #require(location), account: "ada7Lv3xQ")
            _ = try await ConnectFlowTests.get(client, callback, session)
            let connection = try #require(try await deps.connections.connections(userID: "demo-ada").first { $0.platform == .linkedin })

            let query = "url=\(FormEncoding.escape("https://blog.rose-ash.example/posts/kiln"))&title=Kiln"
            let (_, page, _) = try await ConnectFlowTests.get(client, "/social/share/?" + query, session)
            #expect(
                page.contains("Posting to LinkedIn is paused until this service&#39;s operator updates its settings")
                    || page.contains("Posting to LinkedIn is paused until this service's operator updates its settings"))

            try await client.execute(
                uri: "/social/share/", method: .post, headers: [.cookie: session.cookie, .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(
                    string: FormEncoding.encode([
                        ("_csrf", session.csrf), ("url", "https://blog.rose-ash.example/posts/kiln"), ("title", "Kiln"),
                        ("idempotency_key", "paused-linkedin-0001"), ("account", "\(connection.id)"),
                    ]))
            ) { response in
                let body = String(buffer: response.body)
                #expect(body.contains("Failed") && body.contains("paused"), "\(body.prefix(400))")
            }
            #expect(try await flow.posts("linkedin").isEmpty)
        }
    }
}
