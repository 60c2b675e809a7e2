import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JWTKit
import Platforms
import SocialCore
import Testing

@testable import FragmentService

@Suite struct HandoffSafetyTests {
    static func whoIsSignedIn(_ client: some TestClientProtocol, cookie: String) async throws -> String? {
        try await client.execute(uri: "/social/", method: .get, headers: [.cookie: cookie]) { response in
            guard response.status == .ok else { return nil }
            return String(buffer: response.body).firstMatch(of: /<span class="who">([^<]*)<\/span>/).map { String($0.1) }
        }
    }

    /// A token whose header says `alg`, signed with the shared key by `sign` (HMAC-SHA256 unless told).
    static func token(
        header alg: String, claims: [String: Any],
        sign: (Data, SymmetricKey) -> Data = { Data(HMAC<SHA256>.authenticationCode(for: $0, using: $1)) }
    ) throws -> String {
        let header = Data(#"{"alg":"\#(alg)","typ":"JWT"}"#.utf8).base64URLEncodedString()
        let payload = try JSONSerialization.data(withJSONObject: claims).base64URLEncodedString()
        let mac = sign(Data("\(header).\(payload)".utf8), SymmetricKey(data: Data(TestEnvironment.identitySecret.utf8)))
        return "\(header).\(payload).\(mac.base64URLEncodedString())"
    }

    static func claims(sub: String = "user-9", nbf: Date? = nil) -> [String: Any] {
        let now = Int(Date().timeIntervalSince1970)
        var claims: [String: Any] = [
            "sub": sub, "iat": now, "exp": now + 300, "jti": UUID().uuidString, "iss": "rose-ash-account", "aud": "rose-ash-social",
        ]
        if let nbf { claims["nbf"] = Int(nbf.timeIntervalSince1970) }
        return claims
    }

    @Test func aHandoffForAnotherPersonAsksBeforeSwitchingTheSession() async throws {
        let app = try await TestEnvironment.app()
        try await app.test(.router) { client in
            let ada = try await BrowserSession.signedIn(client, as: "demo-ada")
            let token = try await TestEnvironment.token(sub: "mallory", name: "Mallory")
            let page = try await client.execute(
                uri: "/auth/handoff?token=\(token)&next=%2Fsocial%2Fhistory%2F", method: .get, headers: [.cookie: ada.cookie]
            ) {
                response in
                #expect(response.status == .ok)
                #expect(response.headers[values: .setCookie].isEmpty)
                return String(buffer: response.body)
            }
            #expect(page.contains("Ada Lovelace") && page.contains("Mallory"))
            #expect(page.contains(#"method="post" action="/auth/handoff""#))
            #expect(try await Self.whoIsSignedIn(client, cookie: ada.cookie) == "Ada Lovelace")

            // Without the session's CSRF token the switch is refused.
            try await client.execute(
                uri: "/auth/handoff", method: .post, headers: [.cookie: ada.cookie, .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: FormEncoding.encode([("token", token)]))
            ) { #expect($0.status == .forbidden) }
            // Confirmed: a new session for the person the link names.
            let cookie = try await client.execute(
                uri: "/auth/handoff", method: .post, headers: [.cookie: ada.cookie, .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: FormEncoding.encode([("_csrf", ada.csrf), ("token", token), ("next", "/social/history/")]))
            ) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/social/history/")
                return String(try #require(response.headers[values: .setCookie].first { $0.hasPrefix("social_session=") }).split(separator: ";")[0])
            }
            #expect(try await Self.whoIsSignedIn(client, cookie: cookie) == "Mallory")
            #expect(try await Self.whoIsSignedIn(client, cookie: ada.cookie) == nil)
        }
    }

    @Test func aHandoffForThePersonAlreadySignedInJustContinues() async throws {
        let app = try await TestEnvironment.app()
        try await app.test(.router) { client in
            let ada = try await BrowserSession.signedIn(client, as: "demo-ada")
            let token = try await TestEnvironment.token(sub: "demo-ada", name: "Ada Lovelace")
            try await client.execute(uri: "/auth/handoff?token=\(token)&next=%2Fsocial%2Frules%2F", method: .get, headers: [.cookie: ada.cookie]) {
                response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/social/rules/")
            }
            #expect(try await Self.whoIsSignedIn(client, cookie: ada.cookie) == "Ada Lovelace")
        }
    }

    @Test func tokensSignedOrLabelledWithAnythingButHS256AreRefused() async throws {
        let app = try await TestEnvironment.app()
        // Really signed with HMAC-SHA384/512 and the shared key (built by hand: jwt-kit asserts on
        // HMAC keys shorter than the hash, which the test secret is).
        var tokens = [
            try Self.token(header: "HS384", claims: Self.claims(), sign: { Data(HMAC<SHA384>.authenticationCode(for: $0, using: $1)) }),
            try Self.token(header: "HS512", claims: Self.claims(), sign: { Data(HMAC<SHA512>.authenticationCode(for: $0, using: $1)) }),
        ]
        for alg in ["HS384", "HS512", "none", "hs256"] { tokens.append(try Self.token(header: alg, claims: Self.claims())) }
        let unsigned = try Self.token(header: "none", claims: Self.claims())
        tokens.append(String(unsigned[..<unsigned.lastIndex(of: ".")!]) + ".")
        let refused = tokens
        try await app.test(.router) { client in
            for token in refused {
                try await client.execute(uri: "/auth/handoff?token=\(token)", method: .get) {
                    #expect($0.status == .unauthorized, "\(token.prefix(40))")
                }
                try await client.execute(uri: "/api/v1/me", method: .get, headers: [.authorization: "Bearer \(token)"]) {
                    #expect($0.status == .unauthorized)
                }
            }
            // The same hand-made token with the honest header is accepted: only the algorithm differs.
            try await client.execute(uri: "/auth/handoff?token=\(try Self.token(header: "HS256", claims: Self.claims()))", method: .get) {
                #expect($0.status == .seeOther)
            }
        }
    }

    @Test func notBeforeIsHonouredWithAMinuteOfLeeway() async throws {
        let app = try await TestEnvironment.app()
        try await app.test(.router) { client in
            let early = try Self.token(header: "HS256", claims: Self.claims(nbf: Date().addingTimeInterval(240)))
            try await client.execute(uri: "/auth/handoff?token=\(early)", method: .get) { response in
                #expect(response.status == .unauthorized)
                #expect(String(buffer: response.body).contains("not valid yet"))
            }
            let skewed = try Self.token(header: "HS256", claims: Self.claims(nbf: Date().addingTimeInterval(30)))
            try await client.execute(uri: "/auth/handoff?token=\(skewed)", method: .get) { #expect($0.status == .seeOther) }
            let past = try Self.token(header: "HS256", claims: Self.claims(nbf: Date().addingTimeInterval(-30)))
            try await client.execute(uri: "/auth/handoff?token=\(past)", method: .get) { #expect($0.status == .seeOther) }
        }
    }
}
