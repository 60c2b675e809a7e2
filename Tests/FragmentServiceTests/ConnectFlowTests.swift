import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Platforms
import Testing

@testable import FragmentService

@Suite struct ConnectFlowTests {
    /// GET through the service with the session cookie; returns status, body and Location.
    static func get(
        _ client: some TestClientProtocol, _ uri: String, _ session: BrowserSession
    ) async throws -> (HTTPResponse.Status, String, String?) {
        try await client.execute(uri: uri, method: .get, headers: [.cookie: session.cookie]) {
            ($0.status, String(buffer: $0.body), $0.headers[.location])
        }
    }

    /// Presses a connect button: POSTs the connect form with the session's CSRF token.
    static func start(
        _ client: some TestClientProtocol, _ platform: String, _ session: BrowserSession, instance: String? = nil
    ) async throws -> (HTTPResponse.Status, String, String?) {
        var fields = [("_csrf", session.csrf)]
        // What the connect form asks for: a Mastodon server, or a Bluesky handle.
        if let instance { fields.append((platform == PlatformName.bluesky.rawValue ? "handle" : "instance", instance)) }
        return try await client.execute(
            uri: "/social/connect/\(platform)/", method: .post,
            headers: [.cookie: session.cookie, .contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: FormEncoding.encode(fields))
        ) { ($0.status, String(buffer: $0.body), $0.headers[.location]) }
    }

    @Test func mastodonConnectsThroughTheInstanceFormConsentAndCallbackThenDisconnects() async throws {
        try await ConnectFlow.with { flow, deps, client in
            let session = try await BrowserSession.signedIn(client, as: "demo-ada")
            let (formStatus, form, _) = try await Self.get(client, "/social/connect/mastodon/", session)
            #expect(formStatus == .ok)
            #expect(form.contains("Mastodon server"))
            #expect(form.contains(#"method="post""#) && form.contains(#"name="_csrf" value="\#(session.csrf)""#))

            let (status, _, location) = try await Self.start(client, "mastodon", session, instance: "@ada@Mastodon.Social")
            #expect(status == .seeOther)
            let authorize = try #require(location)
            #expect(authorize.hasPrefix("http://127.0.0.1:\(flow.sandboxPort)/mastodon.social/oauth/authorize?"))

            let callback = try await flow.consent(at: authorize, account: "109000000000000001")
            let (done, _, back) = try await Self.get(client, callback, session)
            #expect(done == .seeOther)
            #expect(back == "/social/?notice=connected&platform=mastodon")
            let (_, panel, _) = try await Self.get(client, back!, session)
            #expect(panel.contains("Your Mastodon account is connected."))
            #expect(panel.contains("@ada"))
            let connection = try #require(try await deps.connections.connections(userID: "demo-ada").first)
            #expect(connection.extraData["instance_url"] == "https://mastodon.social")
            #expect(!panel.contains(connection.accessToken ?? "no-token"))

            // The same callback again: the state was single-use.
            let (_, _, replay) = try await Self.get(client, callback, session)
            #expect(replay == "/social/?notice=state&platform=mastodon")

            // Disconnect needs the confirmation form and its CSRF token.
            let (confirmStatus, confirm, _) = try await Self.get(client, "/social/disconnect/\(connection.id)/", session)
            #expect(confirmStatus == .ok)
            #expect(confirm.contains("Disconnect"))
            try await client.execute(uri: "/social/disconnect/\(connection.id)/", method: .post, headers: [.cookie: session.cookie]) {
                #expect($0.status == .forbidden)
            }
            try await client.execute(
                uri: "/social/disconnect/\(connection.id)/", method: .post,
                headers: [.cookie: session.cookie, .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "_csrf=\(session.csrf)")
            ) { #expect($0.headers[.location] == "/social/?notice=disconnected&platform=mastodon") }
            #expect(try await deps.connections.connections(userID: "demo-ada").isEmpty)
            // The token was revoked at the instance too.
            let platform = try #require(deps.registry.platform(.mastodon))
            #expect(try await platform.verify(try #require(connection.credentials)) == false)
        }
    }

    @Test func blueskyConnectsASelfHostedHandleThroughItsOwnServerThenDisconnectRevokes() async throws {
        try await ConnectFlow.with { flow, deps, client in
            let session = try await BrowserSession.signedIn(client, as: "demo-ada")
            let (formStatus, form, _) = try await Self.get(client, "/social/connect/bluesky/", session)
            #expect(formStatus == .ok)
            #expect(form.contains("Bluesky handle") && form.contains("App password"))

            // grace.example is a did:web account whose own server is its authorization server.
            let (status, _, location) = try await Self.start(client, "bluesky", session, instance: "grace.example")
            #expect(status == .seeOther)
            let authorize = try #require(location)
            #expect(authorize.hasPrefix("http://127.0.0.1:\(flow.sandboxPort)/pds.grace.example/oauth/authorize?"))
            let callback = try await flow.consent(at: authorize, account: "did:web:grace.example")
            #expect(callback.contains("iss="))
            let (_, _, back) = try await Self.get(client, callback, session)
            #expect(back == "/social/?notice=connected&platform=bluesky")
            let connection = try #require(try await deps.connections.connections(userID: "demo-ada").first { $0.platform == .bluesky })
            #expect(connection.platformUserID == "did:web:grace.example")
            let credentials = try #require(connection.credentials)
            let platform = try #require(deps.registry.platform(.bluesky))
            #expect(try await platform.verify(credentials))

            // A handle that is not one: the form again, with the reason, and nothing started.
            let (refused, page, nowhere) = try await Self.start(client, "bluesky", session, instance: "not a handle")
            #expect(refused == .badRequest || refused == .unprocessableContent)
            #expect(nowhere == nil && page.contains("notice-error"))

            try await client.execute(
                uri: "/social/disconnect/\(connection.id)/", method: .post,
                headers: [.cookie: session.cookie, .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "_csrf=\(session.csrf)")
            ) { #expect($0.headers[.location] == "/social/?notice=disconnected&platform=bluesky") }
            // The session was revoked at Grace's server: the token no longer works.
            #expect(try await platform.verify(credentials) == false)
        }
    }

    @Test func aLinkToAConnectURLNeverStartsAnAuthorisation() async throws {
        try await ConnectFlow.with { _, _, client in
            let session = try await BrowserSession.signedIn(client)
            // What a link on another site would open: the page for the step, no redirect, no state.
            for path in ["/social/connect/mastodon/?instance=evil.example", "/social/connect/twitter/"] {
                let (status, page, location) = try await Self.get(client, path, session)
                #expect(status == .ok, "\(path)")
                #expect(location == nil, "\(path)")
                #expect(page.contains(#"method="post" action="/social/connect/"#), "\(path)")
            }
            let (_, prefilled, _) = try await Self.get(client, "/social/connect/mastodon/?instance=evil.example", session)
            #expect(prefilled.contains(#"value="evil.example""#))
            // The form without this session's token is refused.
            try await client.execute(
                uri: "/social/connect/mastodon/", method: .post,
                headers: [.cookie: session.cookie, .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "instance=evil.example")
            ) { #expect($0.status == .forbidden) }
        }
    }

    @Test func denyingConsentStoresNothingAndSaysSo() async throws {
        try await ConnectFlow.with { flow, deps, client in
            let session = try await BrowserSession.signedIn(client)
            let (_, _, location) = try await Self.start(client, "twitter", session)
            let callback = try await flow.consent(at: try #require(location), account: "1500000000000000001", decision: "deny")
            let (_, _, back) = try await Self.get(client, callback, session)
            #expect(back == "/social/?notice=denied&platform=twitter")
            #expect(try await deps.connections.connections(userID: "demo-ada").isEmpty)
        }
    }

    @Test func anAccountConnectedByAnotherPersonIsRefused() async throws {
        try await ConnectFlow.with { flow, deps, client in
            for (user, expected) in [("demo-ada", "connected"), ("demo-grace", "taken")] {
                let session = try await BrowserSession.signedIn(client, as: user)
                let (_, _, location) = try await Self.start(client, "twitter", session)
                let callback = try await flow.consent(at: try #require(location), account: "1500000000000000001")
                let (_, _, back) = try await Self.get(client, callback, session)
                #expect(back == "/social/?notice=\(expected)&platform=twitter")
            }
            #expect(try await deps.connections.connections(userID: "demo-grace").isEmpty)
        }
    }

    @Test func facebookOffersEveryPageAndConnectsTheChosenOnes() async throws {
        try await ConnectFlow.with { flow, deps, client in
            let session = try await BrowserSession.signedIn(client)
            let (_, _, location) = try await Self.start(client, "facebook", session)
            let callback = try await flow.consent(at: try #require(location), account: "10000000000000001")
            let (_, _, choose) = try await Self.get(client, callback, session)
            let choosePath = try #require(choose)
            #expect(choosePath.hasPrefix("/social/connect/facebook/choose/"))
            let (_, page, _) = try await Self.get(client, choosePath, session)
            #expect(page.contains("200000000000001") && page.contains("200000000000002"))
            try await client.execute(
                uri: choosePath, method: .post, headers: [.cookie: session.cookie, .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "_csrf=\(session.csrf)&account=200000000000001&account=200000000000002")
            ) { #expect($0.headers[.location] == "/social/?notice=connected&platform=facebook") }
            #expect(
                try await deps.connections.connections(userID: "demo-ada").map(\.platformUserID).sorted() == ["200000000000001", "200000000000002"])
        }
    }

    @Test func anotherPersonsConnectionIDIsNotFound() async throws {
        try await ConnectFlow.with { flow, deps, client in
            let ada = try await BrowserSession.signedIn(client, as: "demo-ada")
            let (_, _, location) = try await Self.start(client, "twitter", ada)
            let (_, _, _) = try await Self.get(client, try await flow.consent(at: try #require(location), account: "1500000000000000001"), ada)
            let id = try #require(try await deps.connections.connections(userID: "demo-ada").first?.id)
            let grace = try await BrowserSession.signedIn(client, as: "demo-grace")
            let (status, _, _) = try await Self.get(client, "/social/disconnect/\(id)/", grace)
            #expect(status == .notFound)
            try await client.execute(
                uri: "/social/disconnect/\(id)/", method: .post, headers: [.cookie: grace.cookie, .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "_csrf=\(grace.csrf)")
            ) { #expect($0.status == .notFound) }
            #expect(try await deps.connections.connections(userID: "demo-ada").count == 1)
        }
    }

    @Test func badInstanceInputGetsAClear400AndUnknownPlatformsA404() async throws {
        try await ConnectFlow.with { _, _, client in
            let session = try await BrowserSession.signedIn(client)
            let (status, body, _) = try await Self.start(client, "mastodon", session, instance: "a b")
            #expect(status == .badRequest)
            #expect(body.contains("role=\"alert\""))
            let (missing, _, _) = try await Self.get(client, "/social/connect/myspace/", session)
            #expect(missing == .notFound)
        }
    }

    @Test func thePanelShowsEveryPlatformWithItsIconAndWhatUnavailableOnesNeed() async throws {
        let app = try await buildApplication(
            configuration: TestEnvironment.configuration(), dependencies: .inMemory(registry: PlatformRegistry([:])), logger: TestEnvironment.logger)
        try await app.test(.router) { client in
            let session = try await BrowserSession.signedIn(client)
            let (_, panel, _) = try await Self.get(client, "/social/", session)
            for icon in ["fa-facebook", "fa-instagram", "fa-threads", "fa-x-twitter", "fa-linkedin", "fa-mastodon"] {
                #expect(panel.contains(icon))
            }
            #expect(panel.contains("Not available here"))
            let (_, noticePanel, _) = try await Self.get(client, "/social/?notice=%3Cscript%3E&platform=%3Cb%3E", session)
            #expect(!noticePanel.contains("<script>"))
        }
    }
}
