import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FragmentService

@Suite struct BrowserSecurityTests {
    @Test func signedOutVisitorIsSentToSignInAndComesBack() async throws {
        let app = try await TestEnvironment.app()
        try await app.test(.router) { client in
            try await client.execute(uri: "/social/", method: .get) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/auth/login?next=%2Fsocial%2F")
            }
            // A query comes back whole: `&`, `=`, `+` and percent signs are encoded once more.
            try await client.execute(uri: "/social/share/?url=https%3A%2F%2Fa.example%2F%3Fx%3D1&title=a+b", method: .get) { response in
                #expect(
                    response.headers[.location]
                        == "/auth/login?next=%2Fsocial%2Fshare%2F%3Furl%3Dhttps%253A%252F%252Fa.example%252F%253Fx%253D1%26title%3Da%2Bb")
            }
        }
    }

    @Test func devLoginSignsInAndShowsTheNavLinkToSocial() async throws {
        let app = try await TestEnvironment.app()
        try await app.test(.router) { client in
            let session = try await BrowserSession.signedIn(client, as: "demo-grace")
            try await client.execute(uri: "/social/", method: .get, headers: [.cookie: session.cookie]) { response in
                let body = String(buffer: response.body)
                #expect(body.contains("Grace Hopper"))
                #expect(body.contains(#"href="/social/" aria-current="page">Social</a>"#))
            }
        }
    }

    @Test func formWithoutCSRFTokenIsRefused() async throws {
        let app = try await TestEnvironment.app()
        try await app.test(.router) { client in
            let session = try await BrowserSession.signedIn(client)
            try await client.execute(
                uri: "/auth/logout", method: .post,
                headers: [.cookie: session.cookie, .contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: "")
            ) { response in
                #expect(response.status == .forbidden)
                #expect(String(buffer: response.body).contains("Reload the page"))
            }
            try await client.execute(
                uri: "/auth/logout", method: .post,
                headers: [.cookie: session.cookie, .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "_csrf=wrong-token")
            ) { #expect($0.status == .forbidden) }
            try await client.execute(
                uri: "/auth/logout", method: .post,
                headers: [.cookie: session.cookie, .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "_csrf=\(session.csrf)")
            ) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[values: .setCookie].contains { $0.hasPrefix("social_session=;") && $0.contains("Max-Age=0") })
            }
        }
    }

    @Test func crossOriginFormIsRefusedEvenWithTheToken() async throws {
        let app = try await TestEnvironment.app()
        try await app.test(.router) { client in
            let visitor = try await BrowserSession.visitor(client)
            try await client.execute(
                uri: "/auth/dev-login", method: .post,
                headers: [.cookie: visitor.cookie, .origin: "https://evil.example", .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "_csrf=\(visitor.csrf)&user_id=demo-ada")
            ) { #expect($0.status == .forbidden) }
        }
    }

    @Test func csrfTokenInAHeaderIsAccepted() async throws {
        let app = try await TestEnvironment.app()
        try await app.test(.router) { client in
            let session = try await BrowserSession.signedIn(client)
            try await client.execute(
                uri: "/auth/logout", method: .post, headers: [.cookie: session.cookie, HTTPField.Name("X-CSRF-Token")!: session.csrf]
            ) { #expect($0.status == .seeOther) }
        }
    }

    @Test func forgedSessionCookieIsIgnored() async throws {
        let app = try await TestEnvironment.app()
        try await app.test(.router) { client in
            let session = try await BrowserSession.signedIn(client)
            let forged = String(session.cookie.dropLast(3)) + "AAA"
            try await client.execute(uri: "/social/", method: .get, headers: [.cookie: forged]) { #expect($0.status == .seeOther) }
        }
    }

    @Test func badDevLoginInputGetsAClear400() async throws {
        let app = try await TestEnvironment.app()
        try await app.test(.router) { client in
            let visitor = try await BrowserSession.visitor(client)
            try await client.execute(
                uri: "/auth/dev-login", method: .post,
                headers: [.cookie: visitor.cookie, .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "_csrf=\(visitor.csrf)&user_id=has+spaces")
            ) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("without spaces"))
            }
        }
    }

    @Test func devLoginIsAbsentWhenSwitchedOff() async throws {
        let app = try await TestEnvironment.app(["SOCIAL_DEV_LOGIN": "0"])
        try await app.test(.router) { client in
            let visitor = try await BrowserSession.visitor(client)
            #expect(!visitor.csrf.isEmpty)
            try await client.execute(
                uri: "/auth/dev-login", method: .post,
                headers: [.cookie: visitor.cookie, .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "_csrf=\(visitor.csrf)&user_id=demo-ada")
            ) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/auth/login", method: .get) { response in
                #expect(!String(buffer: response.body).contains("demo-ada"))
            }
        }
    }

    @Test func unknownRouteIsA404PageNotA500() async throws {
        let app = try await TestEnvironment.app()
        try await app.test(.router) { client in
            try await client.execute(uri: "/nope", method: .get) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/healthz", method: .get) { #expect(String(buffer: $0.body) == "ok") }
            try await client.execute(uri: "/static/app.css", method: .get) { #expect($0.status == .ok) }
        }
    }
}
