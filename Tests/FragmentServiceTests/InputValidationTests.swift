import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FragmentService

/// NUL, other control characters and invalid UTF-8 are a 400 that says why, wherever they come in.
@Suite struct InputValidationTests {
    static func expectRefused(_ response: TestResponse, _ label: String) {
        #expect(response.status == .badRequest, "\(label)")
        #expect(String(buffer: response.body).contains("not allowed"), "\(label): \(String(buffer: response.body).prefix(200))")
    }

    @Test func controlCharactersInQueryStringsAndPathsAreRefused() async throws {
        let app = try await TestEnvironment.app()
        try await app.test(.router) { client in
            let session = try await BrowserSession.signedIn(client)
            for uri in [
                "/social/callback/twitter/?code=abc&state=ab%00cd", "/social/callback/mastodon/?state=%01", "/social/?notice=%FF",
                "/fragments/share-button?url=https%3A%2F%2Fblog.example%2F%00", "/social/disconnect/1%00/", "/auth/login?next=%2F%1B",
            ] {
                try await client.execute(uri: uri, method: .get, headers: [.cookie: session.cookie]) { Self.expectRefused($0, uri) }
            }
            // Tabs and line breaks are ordinary text, e.g. in a share description.
            try await client.execute(
                uri: "/fragments/share-button?url=https%3A%2F%2Fblog.example%2Fp&description=two%0Alines%09here", method: .get
            ) { #expect($0.status == .ok) }
        }
    }

    @Test func controlCharactersOrBrokenUTF8InFormBodiesAreRefused() async throws {
        let app = try await TestEnvironment.app()
        try await app.test(.router) { client in
            let visitor = try await BrowserSession.visitor(client)
            for body in ["user_id=demo-ada&display_name=a%00b", "user_id=demo-ada&display_name=%C3%28", "user_id=demo%7Fada"] {
                try await client.execute(
                    uri: "/auth/dev-login", method: .post, headers: [.cookie: visitor.cookie, .contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: "_csrf=\(visitor.csrf)&" + body)
                ) { Self.expectRefused($0, body) }
            }
            var raw = ByteBuffer(string: "_csrf=\(visitor.csrf)&user_id=demo-ada&display_name=")
            raw.writeBytes([0xC3, 0x28])
            try await client.execute(
                uri: "/auth/dev-login", method: .post, headers: [.cookie: visitor.cookie, .contentType: "application/x-www-form-urlencoded"],
                body: raw
            ) { Self.expectRefused($0, "raw bytes") }
        }
    }

    @Test func handoffClaimsWithControlCharactersAreRefused() async throws {
        let app = try await TestEnvironment.app()
        try await app.test(.router) { client in
            for token in [try await TestEnvironment.token(jti: "abc\u{0}def"), try await TestEnvironment.token(name: "Ada\u{0}")] {
                try await client.execute(uri: "/auth/handoff?token=\(token)", method: .get) { Self.expectRefused($0, "handoff") }
                try await client.execute(uri: "/api/v1/me", method: .get, headers: [.authorization: "Bearer \(token)"]) {
                    #expect($0.status == .unauthorized)
                    #expect(String(buffer: $0.body).contains("not allowed"))
                }
            }
        }
    }

    @Test func webhookJSONWithANulIsA400NamingTheField() async throws {
        let app = try await buildApplication(
            configuration: TestEnvironment.configuration(), dependencies: .inMemory(apps: [PublishWebhookTests.blog]), logger: TestEnvironment.logger)
        try await app.test(.router) { client in
            let body = PublishWebhookTests.body(extra: #","description":"bad\u0000text""#).replacingOccurrences(
                of: "Kiln diaries", with: #"Kiln\u0000"#)
            try await client.execute(
                uri: "/webhooks/publish", method: .post, headers: PublishWebhookTests.headers(body), body: ByteBuffer(string: body)
            ) {
                response in
                Self.expectRefused(response, "webhook")
                #expect(response.headers[.contentType] == "application/json")
            }
            let fine = PublishWebhookTests.body(extra: #","description":"two\nlines""#)
            try await client.execute(
                uri: "/webhooks/publish", method: .post, headers: PublishWebhookTests.headers(fine), body: ByteBuffer(string: fine)
            ) {
                #expect($0.status == .accepted)
            }
        }
    }

    @Test func rulesJSONWithANulIsA400() async throws {
        let app = try await TestEnvironment.app()
        let token = try await TestEnvironment.token(sub: "user-1")
        try await app.test(.router) { client in
            let json = #"{"connection_id":1,"mode":"auto","content_types":["blog_post"],"tags":["a\u0000"],"message_template":"{title}"}"#
            let (status, body) = try await AutoShareTests.api(client, .post, "/api/v1/rules", token: token, json: json)
            #expect(status == .badRequest)
            #expect(body.contains("tags[0]") && body.contains("not allowed"))
        }
    }
}
