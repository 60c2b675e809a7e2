import Foundation
import Hummingbird
import HummingbirdTesting
import JWTKit
import Logging
import SocialCore
import Testing

@testable import FragmentService

/// Configuration for router tests: no database, dev login on, fixed secrets.
enum TestEnvironment {
    static let identitySecret = "identity-secret-for-tests-0123456789abcdef"
    static let values: [String: String] = [
        "SOCIAL_ENCRYPTION_KEY": FernetKey.generate(),
        "SOCIAL_SESSION_SECRET": "session-secret-for-tests-0123456789abcdef",
        "SOCIAL_IDENTITY_SECRET": identitySecret,
        "SOCIAL_DEV_LOGIN": "1",
        "SOCIAL_PORT": "0",
    ]

    static func configuration(_ overrides: [String: String] = [:]) throws -> AppConfiguration {
        try AppConfiguration(environment: values.merging(overrides) { $1 }, requireDatabase: false)
    }

    static var logger: Logger {
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        return logger
    }

    /// The app with in-memory repositories.
    static func app(_ overrides: [String: String] = [:]) async throws -> some ApplicationProtocol {
        try await buildApplication(configuration: configuration(overrides), dependencies: .inMemory(), logger: logger)
    }

    /// A token as the account service would mint it.
    static func token(
        sub: String = "user-1", name: String? = "Test Person", lifetime: TimeInterval = 300, issuedAt: Date = Date(),
        jti: String = UUID().uuidString, issuer: String = "rose-ash-account", audience: String = "rose-ash-social",
        secret: String = identitySecret
    ) async throws -> String {
        let keys = JWTKeyCollection()
        await keys.add(hmac: HMACKey(from: secret), digestAlgorithm: .sha256)
        let claims = IdentityClaims(
            sub: .init(value: sub), exp: .init(value: issuedAt.addingTimeInterval(lifetime)), iat: .init(value: issuedAt),
            jti: .init(value: jti), iss: .init(value: issuer), aud: .init(value: [audience]), name: name)
        return try await keys.sign(claims)
    }
}

/// A browser's cookie and CSRF token, as read off a page.
struct BrowserSession {
    var cookie: String
    var csrf: String

    /// Opens the login page as a new visitor.
    static func visitor(_ client: some TestClientProtocol) async throws -> BrowserSession {
        try await client.execute(uri: "/auth/login", method: .get) { response in
            let cookie = try #require(response.headers[values: .setCookie].first { $0.hasPrefix("social_session=") })
            let value = String(cookie.split(separator: ";")[0])
            // Read the token from the cookie itself: not every page shows a form.
            let codec = SessionCodec(secret: TestEnvironment.values["SOCIAL_SESSION_SECRET"]!)
            let session = try #require(codec.session(fromCookie: String(value.dropFirst("social_session=".count))))
            return BrowserSession(cookie: value, csrf: session.csrf)
        }
    }

    /// Signs in through the development login and returns the signed-in session.
    static func signedIn(_ client: some TestClientProtocol, as userID: String = "demo-ada") async throws -> BrowserSession {
        let visitor = try await visitor(client)
        let cookie = try await client.execute(
            uri: "/auth/dev-login", method: .post,
            headers: [.cookie: visitor.cookie, .contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: "_csrf=\(visitor.csrf)&user_id=\(userID)&next=%2Fsocial%2F")
        ) { response in
            #expect(response.status == .seeOther)
            return try #require(response.headers[values: .setCookie].first { $0.hasPrefix("social_session=") })
        }
        let session = String(cookie.split(separator: ";")[0])
        let csrf = try await client.execute(uri: "/social/", method: .get, headers: [.cookie: session]) { response in
            try #require(String(buffer: response.body).firstMatch(of: /name="_csrf" value="([^"]+)"/)?.1)
        }
        return BrowserSession(cookie: session, csrf: String(csrf))
    }
}
