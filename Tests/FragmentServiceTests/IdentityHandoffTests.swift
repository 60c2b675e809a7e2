import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FragmentService

@Suite struct IdentityHandoffTests {
    @Test func validTokenStartsASessionAndReturnsToALocalPath() async throws {
        let app = try await TestEnvironment.app()
        let token = try await TestEnvironment.token(sub: "user-42", name: "Fatima")
        try await app.test(.router) { client in
            let cookie = try await client.execute(uri: "/auth/handoff?token=\(token)&next=%2Fsocial%2Fshare%2F%3Furl%3Dx", method: .get) {
                response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/social/share/?url=x")
                let setCookie = try #require(response.headers[values: .setCookie].first { $0.hasPrefix("social_session=") })
                #expect(setCookie.contains("HttpOnly"))
                #expect(setCookie.contains("SameSite=Lax"))
                #expect(!setCookie.contains("Secure"))
                return String(setCookie.split(separator: ";")[0])
            }
            try await client.execute(uri: "/social/", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("Fatima"))
            }
        }
    }

    @Test func cookieIsSecureWhenTheServiceIsServedOverHTTPS() async throws {
        let app = try await TestEnvironment.app(["PUBLIC_BASE_URL": "https://social.rose-ash.com", "SOCIAL_DEV_LOGIN": "0"])
        let token = try await TestEnvironment.token()
        try await app.test(.router) { client in
            try await client.execute(uri: "/auth/handoff?token=\(token)", method: .get) { response in
                let setCookie = try #require(response.headers[values: .setCookie].first { $0.hasPrefix("social_session=") })
                #expect(setCookie.contains("Secure"))
            }
        }
    }

    @Test func externalReturnTargetsFallBackToTheSocialPage() async throws {
        let app = try await TestEnvironment.app()
        try await app.test(.router) { client in
            for next in ["https%3A%2F%2Fevil.example%2F", "%2F%2Fevil.example", "%2F%5Cevil.example", "javascript%3Aalert(1)"] {
                let token = try await TestEnvironment.token()
                try await client.execute(uri: "/auth/handoff?token=\(token)&next=\(next)", method: .get) { response in
                    #expect(response.status == .seeOther)
                    #expect(response.headers[.location] == "/social/", "next=\(next)")
                }
            }
        }
    }

    @Test func expiredTokenIsRefused() async throws {
        let app = try await TestEnvironment.app()
        let token = try await TestEnvironment.token(lifetime: 60, issuedAt: Date().addingTimeInterval(-600))
        try await app.test(.router) { client in
            try await client.execute(uri: "/auth/handoff?token=\(token)", method: .get) { response in
                #expect(response.status == .unauthorized)
                #expect(String(buffer: response.body).contains("expired"))
                #expect(response.headers[values: .setCookie].allSatisfy { !$0.contains("demo") })
            }
        }
    }

    @Test func badSignatureIsRefused() async throws {
        let app = try await TestEnvironment.app()
        let token = try await TestEnvironment.token(secret: "some-other-secret-that-is-long-enough-000")
        try await app.test(.router) { client in
            try await client.execute(uri: "/auth/handoff?token=\(token)", method: .get) { response in
                #expect(response.status == .unauthorized)
                #expect(String(buffer: response.body).contains("not valid"))
            }
        }
    }

    @Test func replayedTokenIsRefusedTheSecondTime() async throws {
        let app = try await TestEnvironment.app()
        let token = try await TestEnvironment.token()
        try await app.test(.router) { client in
            try await client.execute(uri: "/auth/handoff?token=\(token)", method: .get) { #expect($0.status == .seeOther) }
            try await client.execute(uri: "/auth/handoff?token=\(token)", method: .get) { response in
                #expect(response.status == .unauthorized)
                #expect(String(buffer: response.body).contains("already been used"))
            }
        }
    }

    @Test func wrongAudienceIssuerOrLongLifetimeIsRefused() async throws {
        let app = try await TestEnvironment.app()
        let cases = [
            try await TestEnvironment.token(audience: "someone-else"),
            try await TestEnvironment.token(issuer: "not-rose-ash"),
            try await TestEnvironment.token(lifetime: 24 * 3600),
        ]
        try await app.test(.router) { client in
            for token in cases {
                try await client.execute(uri: "/auth/handoff?token=\(token)", method: .get) { #expect($0.status == .unauthorized) }
            }
            try await client.execute(uri: "/auth/handoff", method: .get) { #expect($0.status == .unauthorized) }
        }
    }

    @Test func bearerTokenAuthenticatesJSONRoutes() async throws {
        let app = try await TestEnvironment.app()
        let token = try await TestEnvironment.token(sub: "api-user", name: "Api Person")
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/v1/me", method: .get, headers: [.authorization: "Bearer \(token)"]) { response in
                #expect(response.status == .ok)
                let user = try JSONDecoder().decode(User.self, from: Data(buffer: response.body))
                #expect(user == User(id: "api-user", displayName: "Api Person"))
            }
            try await client.execute(uri: "/api/v1/me", method: .get) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.contentType] == "application/json")
                #expect(String(buffer: response.body).contains("Bearer"))
            }
            try await client.execute(uri: "/api/v1/me", method: .get, headers: [.authorization: "Bearer nonsense"]) {
                #expect($0.status == .unauthorized)
            }
        }
    }
}
