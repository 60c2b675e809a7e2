import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FragmentService

@Suite struct SessionTests {
    static func post(_ client: some TestClientProtocol, _ uri: String, _ session: BrowserSession) async throws -> Response {
        try await client.execute(
            uri: uri, method: .post, headers: [.cookie: session.cookie, .contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: "_csrf=\(session.csrf)")
        ) { Response(status: $0.status, headers: $0.headers) }
    }

    static func isSignedIn(_ client: some TestClientProtocol, _ session: BrowserSession) async throws -> Bool {
        try await client.execute(uri: "/social/", method: .get, headers: [.cookie: session.cookie]) { $0.status == .ok }
    }

    @Test func aCopiedCookieStopsWorkingWhenItsSessionSignsOut() async throws {
        let app = try await TestEnvironment.app()
        try await app.test(.router) { client in
            let session = try await BrowserSession.signedIn(client)
            let copy = session
            #expect(try await Self.isSignedIn(client, copy))
            let response = try await Self.post(client, "/auth/logout", session)
            #expect(response.status == .seeOther)
            #expect(try await Self.isSignedIn(client, copy) == false)
        }
    }

    @Test func signingOutEverywhereEndsEverySessionOfThatPersonOnly() async throws {
        let app = try await TestEnvironment.app()
        try await app.test(.router) { client in
            let laptop = try await BrowserSession.signedIn(client, as: "demo-ada")
            let phone = try await BrowserSession.signedIn(client, as: "demo-ada")
            let grace = try await BrowserSession.signedIn(client, as: "demo-grace")
            let panel = try await client.execute(uri: "/social/", method: .get, headers: [.cookie: laptop.cookie]) { String(buffer: $0.body) }
            #expect(panel.contains(#"action="/auth/logout-everywhere""#))
            let response = try await Self.post(client, "/auth/logout-everywhere", laptop)
            #expect(response.status == .seeOther)
            #expect(response.headers[values: .setCookie].contains { $0.hasPrefix("social_session=;") && $0.contains("Max-Age=0") })
            #expect(try await Self.isSignedIn(client, laptop) == false)
            #expect(try await Self.isSignedIn(client, phone) == false)
            #expect(try await Self.isSignedIn(client, grace))
        }
    }

    @Test func theCookieCarriesOnlyARandomIDAndTheStoreOnlyItsHash() async throws {
        let deps = AppDependencies.inMemory()
        let app = try await buildApplication(configuration: TestEnvironment.configuration(), dependencies: deps, logger: TestEnvironment.logger)
        try await app.test(.router) { client in
            let session = try await BrowserSession.signedIn(client, as: "demo-ada")
            let value = String(session.cookie.dropFirst("social_session=".count))
            let codec = SessionCodec(secret: TestEnvironment.values["SOCIAL_SESSION_SECRET"]!)
            let id = try #require(codec.decode(value))
            #expect(!value.contains("demo-ada") && Data(base64URLEncoded: id).map { !String(decoding: $0, as: UTF8.self).contains("demo") } ?? true)
            #expect(try await deps.sessions.userID(idHash: SessionCodec.hash(id), now: Date()) == "demo-ada")
            #expect(try await deps.sessions.userID(idHash: Array(id.utf8), now: Date()) == nil)
            // Past its lifetime the stored session no longer signs anyone in.
            #expect(try await deps.sessions.userID(idHash: SessionCodec.hash(id), now: Date().addingTimeInterval(Session.lifetime + 1)) == nil)
        }
    }

    @Test func signingInStartsANewSessionInsteadOfKeepingTheVisitorsID() async throws {
        let app = try await TestEnvironment.app()
        try await app.test(.router) { client in
            let visitor = try await BrowserSession.visitor(client)
            let session = try await BrowserSession.signedIn(client)
            #expect(visitor.cookie != session.cookie)
            #expect(visitor.csrf != session.csrf)
            #expect(try await Self.isSignedIn(client, visitor) == false)
        }
    }
}
