import Foundation
import Testing

@testable import Platforms

@Suite struct OAuthHelperTests {
    @Test func pkceChallengeMatchesTheRFC7636AppendixBVector() {
        #expect(PKCE.challenge(for: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk") == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")
    }

    @Test func pkceVerifiersAreFreshUnreservedAndLongEnough() {
        let a = PKCE.makeVerifier(), b = PKCE.makeVerifier()
        #expect(a != b && a.count == 43)
        #expect(a.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_".contains($0)) })
    }

    @Test func basicClientAuthPutsCredentialsInTheHeaderOnly() {
        let auth = OAuthClientAuthentication.basic.apply(clientID: "id", clientSecret: "s:cret")
        #expect(auth.fields.isEmpty)
        #expect(auth.headers.first?.1 == "Basic " + Data("id:s%3Acret".utf8).base64EncodedString())
        let publicClient = OAuthClientAuthentication.basic.apply(clientID: "id", clientSecret: nil)
        #expect(publicClient.headers.isEmpty && publicClient.fields.first?.1 == "id")
    }

    @Test func tokenResponsesAreReadLiberally() throws {
        let body = #"{"access_token":"AT","expires_in":"5184000","scope":"openid,profile w_member_social"}"#
        let tokens = try OAuthErrorResponse.tokens(from: PlatformHTTPResponse(status: 200, headers: [:], body: Data(body.utf8)), platform: .linkedin)
        #expect(tokens.expiresIn == 5_184_000 && tokens.scopes == ["openid", "profile", "w_member_social"])
        #expect(tokens.refreshToken == nil)
    }

    static func failure(_ status: Int, _ body: String, refreshing: Bool = false) -> PlatformError {
        OAuthErrorResponse.error(
            from: PlatformHTTPResponse(status: status, headers: [:], body: Data(body.utf8)), platform: .twitter, refreshing: refreshing)
    }

    @Test func tokenEndpointErrorsMapToActionableCodes() {
        #expect(Self.failure(400, #"{"error":"invalid_grant"}"#).code == .invalidGrant)
        #expect(
            Self.failure(400, #"{"error":"invalid_request","error_description":"Value passed for the token was invalid."}"#, refreshing: true).code
                == .invalidGrant)
        #expect(Self.failure(401, #"{"error":"invalid_client"}"#).code == .misconfigured)
        #expect(Self.failure(400, #"{"error":"invalid_scope"}"#).code == .permissionMissing)
        #expect(Self.failure(400, #"{"error":"unsupported_grant_type"}"#).code == .misconfigured)
        #expect(Self.failure(400, "<html>oops</html>").code == .unexpectedResponse)
        #expect(Self.failure(503, "").code == .transient)
        #expect(Self.failure(429, "").code == .rateLimited)
    }

    @Test func errorDescriptionsNeverEchoTheServersDescription() {
        let error = Self.failure(400, #"{"error":"invalid_grant","error_description":"token SECRET123 bad"}"#)
        #expect(!error.description.contains("SECRET123"))
    }

    @Test func authorizationURLCarriesSpaceSeparatedScopesStateAndChallenge() throws {
        let provider = OAuthProvider(
            authorizeURL: URL(string: "https://example.test/authorize")!, tokenURL: URL(string: "https://example.test/token")!, revokeURL: nil,
            scopes: ["a", "b"], usesPKCE: true, clientAuthentication: .formBody)
        let url = try provider.authorizationURL(
            clientID: "c", request: ConnectRequest(redirectURI: "https://app/cb", state: "s t", codeVerifier: "v"), platform: .twitter)
        #expect(url.absoluteString.contains("scope=a%20b") && url.absoluteString.contains("state=s%20t"))
        #expect(url.absoluteString.contains("code_challenge=\(PKCE.challenge(for: "v"))&code_challenge_method=S256"))
        #expect(throws: PlatformError.self) {
            try provider.authorizationURL(clientID: "c", request: ConnectRequest(redirectURI: "https://app/cb", state: "s"), platform: .twitter)
        }
    }
}
