import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Platforms
import Testing

@testable import FragmentService

/// The memory repositories used by router tests do what PostgreSQL does for Meta's callbacks and
/// the lifecycle API (the PostgreSQL side: `MetaCallbackTests`, `AccountLifecycleTests`).
@Suite struct MemoryAccountDataTests {
    @Test func memoryRepositoriesRevokeDeleteAndExportLikePostgres() async throws {
        try await ConnectFlow.with(environment: AccountLifecycleTests.environment) { flow, deps, client in
            let session = try await BrowserSession.signedIn(client)
            for (platform, account) in [("facebook", MetaCallbackTests.adaFacebook), ("threads", MetaCallbackTests.adaThreads)] {
                let (_, _, location) = try await ConnectFlowTests.start(client, platform, session)
                let (_, _, next) = try await ConnectFlowTests.get(
                    client, try await flow.consent(at: try #require(location), account: account), session)
                if let landing = next, landing.contains("/choose/") {
                    let (_, page, _) = try await ConnectFlowTests.get(client, landing, session)
                    let first = try #require(page.firstMatch(of: /name="account" value="([^"]+)"/)?.1)
                    try await client.execute(
                        uri: landing, method: .post, headers: [.cookie: session.cookie, .contentType: "application/x-www-form-urlencoded"],
                        body: ByteBuffer(string: FormEncoding.encode([("_csrf", session.csrf), ("account", String(first))]))
                    ) { _ in }
                }
            }
            let connected = try await deps.connections.connections(userID: "demo-ada")
            let facebook = try #require(connected.first { $0.platform == .facebook })
            let threads = try #require(connected.first { $0.platform == .threads })
            _ = try await deps.shares.start(
                connectionID: facebook.id, userID: "demo-ada", url: "https://blog.example/a", title: "A", message: nil, idempotencyKey: "k",
                shareAgain: false, origin: .manual)

            let reply = try await flow.fetch(
                "http://127.0.0.1:\(flow.sandboxPort)/_sandbox/signed_request", method: .POST,
                body: #"{"platform":"threads","user_id":"\#(MetaCallbackTests.adaThreads)"}"#, contentType: "application/json")
            let signed = try #require((try JSONSerialization.jsonObject(with: Data(reply.body.utf8)) as? [String: Any])?["signed_request"] as? String)
            #expect(try await MetaCallbackTests.post(client, "/webhooks/meta/threads/deauthorize", form: MetaCallbackTests.form(signed)).0 == .ok)
            let revoked = try #require(try await deps.connections.connection(id: threads.id, userID: "demo-ada"))
            #expect(revoked.accessToken == nil && revoked.refreshToken == nil && revoked.status == .needsReconnect)

            let (status, body) = try await MetaCallbackTests.post(
                client, "/webhooks/meta/threads/data-deletion", form: MetaCallbackTests.form(signed))
            #expect(status == .ok)
            let code = try #require((try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: String])?["confirmation_code"])
            #expect(try await deps.connections.connection(id: threads.id, userID: "demo-ada") == nil)
            #expect(try await client.execute(uri: "/social/meta/deletion/\(code)/", method: .get) { $0.status } == .ok)

            let (exportStatus, export) = try await AccountLifecycleTests.call(client, .get, "/api/v1/users/demo-ada/export")
            #expect(exportStatus == .ok)
            #expect(export.contains(#""platform":"facebook""#) && !export.contains(#""platform":"threads""#))
            #expect(!export.contains(try #require(facebook.accessToken)))

            #expect(try await AccountLifecycleTests.call(client, .delete, "/api/v1/users/demo-ada").0 == .noContent)
            #expect(try await deps.connections.connections(userID: "demo-ada").isEmpty)
            #expect(try await deps.shares.history(userID: "demo-ada", limit: 10, offset: 0).isEmpty)
            #expect(try await deps.users.find(id: "demo-ada") == nil)
            #expect(await deps.sessions.count == 0)
            #expect(try await AccountLifecycleTests.call(client, .delete, "/api/v1/users/demo-ada").0 == .noContent)
        }
    }
}
