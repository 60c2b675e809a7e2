import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Platforms
import PostgresNIO
import SocialCore
import Testing

@testable import FragmentService

/// Meta's deauthorize and data-deletion callbacks over real HTTP, with `signed_request`s minted by
/// the sandbox, against PostgreSQL: what they change in the database, and that a forged, stale,
/// wrongly signed or malformed request changes nothing.
@Suite(.enabled(if: TestDatabase.isAvailable, "set TEST_DATABASE_URL (make test does)"))
struct MetaCallbackTests {
    /// Ada's Facebook user (sandbox demo data) and her Threads user.
    static let adaFacebook = "10000000000000001"
    static let adaThreads = "26000000000000001"

    static func post(
        _ client: some TestClientProtocol, _ path: String, form: String, contentType: String = "application/x-www-form-urlencoded"
    )
        async throws -> (HTTPResponse.Status, String)
    {
        try await client.execute(uri: path, method: .post, headers: [.contentType: contentType], body: ByteBuffer(string: form)) {
            ($0.status, String(buffer: $0.body))
        }
    }

    static func form(_ signedRequest: String) -> String { "signed_request=" + FormEncoding.escape(signedRequest) }

    /// Tokens and status of a connection as stored: (has access token, has refresh token, status).
    static func stored(_ service: LiveService, _ id: Int64) async throws -> (Bool, Bool, String)? {
        let rows = try await service.database.query(
            "SELECT access_token_enc IS NOT NULL, refresh_token_enc IS NOT NULL, status FROM social_connections WHERE id = \(id)",
            logger: TestDatabase.logger)
        for try await row in rows.decode((Bool, Bool, String).self) { return row }
        return nil
    }

    /// Ada with a Facebook Page, an Instagram account and a Threads account, connected through the pages.
    static func adaConnected(
        _ service: LiveService, _ client: some TestClientProtocol
    ) async throws -> (
        facebook: SocialConnection, instagram: SocialConnection, threads: SocialConnection
    ) {
        let session = try await BrowserSession.signedIn(client)
        let facebook = try await service.connect(.facebook, account: adaFacebook, session: session, client: client)
        let instagram = try await service.connect(.instagram, account: adaFacebook, session: session, client: client)
        let threads = try await service.connect(.threads, account: adaThreads, session: session, client: client)
        // What the callbacks match on, stored at connect time.
        #expect(facebook.extraData["user_id"] == adaFacebook)
        #expect(instagram.extraData["user_id"] == adaFacebook)
        #expect(threads.platformUserID == adaThreads)
        return (facebook, instagram, threads)
    }

    @Test func facebookDeauthorizeWipesThePersonsPageAndInstagramTokensAndAsksForAReconnect() async throws {
        try await LiveService.with { service, client in
            let ada = try await Self.adaConnected(service, client)
            let signed = try await service.signedRequest(platform: "facebook", userID: Self.adaFacebook)
            let (status, body) = try await Self.post(client, "/webhooks/meta/facebook/deauthorize", form: Self.form(signed))
            #expect(status == .ok, "\(body)")
            for id in [ada.facebook.id, ada.instagram.id] {
                let row = try #require(try await Self.stored(service, id))
                #expect(row.0 == false && row.1 == false)
                #expect(row.2 == "needs_reconnect")
            }
            // The Threads app is another app: untouched.
            #expect(try await Self.stored(service, ada.threads.id).map { $0.0 && $0.2 == "active" } == true)
            // The panel says what happened and offers the reconnect.
            let session = try await BrowserSession.signedIn(client)
            let (_, page, _) = try await ConnectFlowTests.get(client, "/social/", session)
            #expect(page.contains("You removed Rose Ash from your Facebook settings"))
            #expect(page.contains("Reconnect"))
            // Connecting again makes the account usable.
            let again = try await service.connect(.facebook, account: Self.adaFacebook, session: session, client: client)
            #expect(again.id == ada.facebook.id && again.status == .active && again.accessToken != nil)
        }
    }

    @Test func threadsCallbacksVerifyWithTheThreadsSecretAndTouchOnlyThreads() async throws {
        try await LiveService.with { service, client in
            let ada = try await Self.adaConnected(service, client)
            let signed = try await service.signedRequest(platform: "threads", userID: Self.adaThreads)
            // The Facebook app's address refuses the Threads app's signature …
            #expect(try await Self.post(client, "/webhooks/meta/facebook/deauthorize", form: Self.form(signed)).0 == .badRequest)
            #expect(try await Self.stored(service, ada.threads.id)?.0 == true)
            // … and the Threads address takes it.
            #expect(try await Self.post(client, "/webhooks/meta/threads/deauthorize", form: Self.form(signed)).0 == .ok)
            #expect(try await Self.stored(service, ada.threads.id).map { !$0.0 && $0.2 == "needs_reconnect" } == true)
            #expect(try await Self.stored(service, ada.facebook.id)?.0 == true)
            #expect(try await Self.stored(service, ada.instagram.id)?.0 == true)
        }
    }

    @Test func instagramCallbacksActOnInstagramOnly() async throws {
        try await LiveService.with { service, client in
            let ada = try await Self.adaConnected(service, client)
            let signed = try await service.signedRequest(platform: "instagram", userID: Self.adaFacebook)
            #expect(try await Self.post(client, "/webhooks/meta/instagram/deauthorize", form: Self.form(signed)).0 == .ok)
            #expect(try await Self.stored(service, ada.instagram.id)?.0 == false)
            #expect(try await Self.stored(service, ada.facebook.id)?.0 == true)
        }
    }

    @Test func forgedStaleWronglySignedAndMalformedRequestsAreRefusedAndChangeNothing() async throws {
        try await LiveService.with { service, client in
            let ada = try await Self.adaConnected(service, client)
            let good = try await service.signedRequest(platform: "facebook", userID: Self.adaFacebook)
            let parts = good.split(separator: ".").map(String.init)
            let payload = try #require(parts.last)
            let secret = try #require(ConnectFlow.credentials["SOCIAL_FACEBOOK_APP_SECRET"])
            func sign(_ json: String, with key: String = secret) -> String {
                let body = Data(json.utf8).base64URLEncodedString()
                let mac = HMAC<SHA256>.authenticationCode(for: Data(body.utf8), using: SymmetricKey(data: Data(key.utf8)))
                return Data(mac).base64URLEncodedString() + "." + body
            }
            let now = Int(Date().timeIntervalSince1970)
            // The signature of another payload: a forged user.
            let other = Data(#"{"algorithm":"HMAC-SHA256","issued_at":\#(now),"user_id":"10000000000000002"}"#.utf8).base64URLEncodedString()
            var forged = [parts[0] + "." + other]
            // One changed character in the signature.
            var signature = Array(parts[0])
            signature[5] = signature[5] == "A" ? "B" : "A"
            forged.append(String(signature) + "." + payload)
            forged += [
                sign(#"{"algorithm":"HMAC-SHA256","issued_at":\#(now),"user_id":"\#(Self.adaFacebook)"}"#, with: "another-app-secret"),
                sign(#"{"algorithm":"HMAC-SHA1","issued_at":\#(now),"user_id":"\#(Self.adaFacebook)"}"#),
                sign(#"{"algorithm":"hmac-sha256","issued_at":\#(now),"user_id":"\#(Self.adaFacebook)"}"#),
                sign(#"{"algorithm":"HMAC-SHA256","user_id":"\#(Self.adaFacebook)"}"#),
                sign(#"{"algorithm":"HMAC-SHA256","issued_at":\#(now - 7200),"user_id":"\#(Self.adaFacebook)"}"#),
                sign(#"{"algorithm":"HMAC-SHA256","issued_at":\#(now + 3600),"user_id":"\#(Self.adaFacebook)"}"#),
                sign(#"{"algorithm":"HMAC-SHA256","issued_at":\#(now),"user_id":"0"}"#),
                sign(#"{"algorithm":"HMAC-SHA256","issued_at":\#(now)}"#),
                sign("not json"),
                payload, "", "a.b.c", parts[0] + ".", "." + payload, parts[0] + "!." + payload,
                String(repeating: "A", count: 5000) + "." + payload,
            ]
            for path in ["/webhooks/meta/facebook/deauthorize", "/webhooks/meta/facebook/data-deletion"] {
                for request in forged {
                    let (status, body) = try await Self.post(client, path, form: Self.form(request))
                    #expect(status == .badRequest, "\(path) \(request.prefix(80)): \(status) \(body)")
                    #expect(!body.contains(secret))
                }
                #expect(try await Self.post(client, path, form: "other=1").0 == .badRequest)
                #expect(try await Self.post(client, path, form: #"{"signed_request":"\#(good)"}"#, contentType: "application/json").0 == .badRequest)
            }
            // A request the sandbox signed two hours ago is stale.
            try await service.advanceSandboxClock(seconds: -7200)
            let stale = try await service.signedRequest(platform: "facebook", userID: Self.adaFacebook)
            #expect(try await Self.post(client, "/webhooks/meta/facebook/deauthorize", form: Self.form(stale)).0 == .badRequest)
            #expect(try await Self.post(client, "/webhooks/meta/facebook/data-deletion", form: Self.form(stale)).0 == .badRequest)

            for id in [ada.facebook.id, ada.instagram.id, ada.threads.id] {
                #expect(try await Self.stored(service, id).map { $0.0 && $0.2 == "active" } == true)
            }
            #expect(try await service.count("SELECT count(*)::int FROM meta_deletion_requests") == 0)
        }
    }

    @Test func dataDeletionDeletesThePersonsAccountsAndHistoryAndAnswersWithAStatusPage() async throws {
        try await LiveService.with { service, client in
            let ada = try await Self.adaConnected(service, client)
            _ = try await service.dependencies.shares.start(
                connectionID: ada.facebook.id, userID: "demo-ada", url: "https://blog.example/a", title: "A", message: nil, idempotencyKey: "k1",
                shareAgain: false, origin: .manual)
            _ = try await service.dependencies.shares.start(
                connectionID: ada.threads.id, userID: "demo-ada", url: "https://blog.example/a", title: "A", message: nil, idempotencyKey: "k1",
                shareAgain: false, origin: .manual)
            let signed = try await service.signedRequest(platform: "facebook", userID: Self.adaFacebook)
            let (status, body) = try await Self.post(client, "/webhooks/meta/facebook/data-deletion", form: Self.form(signed))
            #expect(status == .ok, "\(body)")
            let answer = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: String])
            let code = try #require(answer["confirmation_code"])
            #expect(code.count == 32 && code.allSatisfy { $0.isHexDigit })
            #expect(answer["url"] == "\(ConnectFlow.publicBase)/social/meta/deletion/\(code)/")

            // Page and Instagram connections and their history are gone; Threads is another app.
            #expect(try await service.count("SELECT count(*)::int FROM social_connections WHERE platform IN ('facebook', 'instagram')") == 0)
            #expect(try await service.count("SELECT count(*)::int FROM social_shares WHERE connection_id = \(ada.facebook.id)") == 0)
            #expect(try await service.count("SELECT count(*)::int FROM social_shares WHERE connection_id = \(ada.threads.id)") == 1)
            #expect(try await Self.stored(service, ada.threads.id)?.0 == true)

            let (pageStatus, page) = try await client.execute(uri: "/social/meta/deletion/\(code)/", method: .get) {
                ($0.status, String(buffer: $0.body))
            }
            #expect(pageStatus == .ok)
            #expect(page.contains(code) && page.contains("Completed"))
            #expect(page.contains("Your 2 connected Facebook and Instagram accounts were deleted"))

            // A second request for the same person finds nothing and says so on its own page.
            let again = try await service.signedRequest(platform: "facebook", userID: Self.adaFacebook)
            let (_, secondBody) = try await Self.post(client, "/webhooks/meta/facebook/data-deletion", form: Self.form(again))
            let second = try #require(try JSONSerialization.jsonObject(with: Data(secondBody.utf8)) as? [String: String])
            #expect(second["confirmation_code"] != code)
            let secondPage = try await client.execute(uri: "/social/meta/deletion/\(second["confirmation_code"] ?? "")/", method: .get) {
                String(buffer: $0.body)
            }
            #expect(secondPage.contains("nothing to delete"))

            for unknown in ["0123456789abcdef0123456789abcdef", "not-a-code", String(repeating: "z", count: 32)] {
                #expect(try await client.execute(uri: "/social/meta/deletion/\(unknown)/", method: .get) { $0.status } == .notFound)
            }
        }
    }

    @Test func anAppWithoutConfiguredSecretsHasNoCallbacks() async throws {
        try await LiveService.with(environment: ["SOCIAL_THREADS_APP_ID": "", "SOCIAL_THREADS_APP_SECRET": ""]) { service, client in
            let signed = try await service.signedRequest(platform: "facebook", userID: Self.adaFacebook)
            for path in ["/webhooks/meta/threads/deauthorize", "/webhooks/meta/threads/data-deletion", "/webhooks/meta/tiktok/deauthorize"] {
                #expect(try await Self.post(client, path, form: Self.form(signed)).0 == .notFound, "\(path)")
            }
            #expect(try await Self.post(client, "/webhooks/meta/facebook/deauthorize", form: Self.form(signed)).0 == .ok)
        }
    }
}
