import Foundation

/// One platform's OAuth 2.0 endpoints and habits as data, so a platform is declared before any
/// code is written for it (docs/ARCHITECTURE.md, "Adding a platform"): where to send the browser, where tokens come from, which scopes, how they are
/// joined, whether PKCE is used and how the client authenticates.
package struct OAuthProvider: Sendable {
    package var authorizeURL: URL
    package var tokenURL: URL
    package var revokeURL: URL?
    package var scopes: [String]
    /// Joins `scopes` in the authorize URL: a space for every platform here (RFC 6749 §3.3).
    package var scopeSeparator: String
    package var usesPKCE: Bool
    package var clientAuthentication: OAuthClientAuthentication

    package init(
        authorizeURL: URL, tokenURL: URL, revokeURL: URL?, scopes: [String], scopeSeparator: String = " ", usesPKCE: Bool,
        clientAuthentication: OAuthClientAuthentication
    ) {
        self.authorizeURL = authorizeURL
        self.tokenURL = tokenURL
        self.revokeURL = revokeURL
        self.scopes = scopes
        self.scopeSeparator = scopeSeparator
        self.usesPKCE = usesPKCE
        self.clientAuthentication = clientAuthentication
    }

    /// The consent URL for `request`. Throws when PKCE is required and no verifier was given.
    package func authorizationURL(clientID: String, request: ConnectRequest, platform: PlatformName) throws(PlatformError) -> URL {
        var fields: [(String, String)] = [
            ("response_type", "code"), ("client_id", clientID), ("redirect_uri", request.redirectURI),
            ("scope", scopes.joined(separator: scopeSeparator)), ("state", request.state),
        ]
        if usesPKCE {
            guard let verifier = request.codeVerifier, !verifier.isEmpty else {
                throw PlatformError(.misconfigured, platform, "\(platform.displayName) needs a PKCE verifier to start connecting.")
            }
            fields += [("code_challenge", PKCE.challenge(for: verifier)), ("code_challenge_method", PKCE.method)]
        }
        return FormEncoding.url(authorizeURL, fields)
    }

    /// A token-endpoint call: `grant` fields plus the client's credentials in this provider's style.
    package func tokenRequest(
        _ grant: [(String, String)], clientID: String, clientSecret: String?, destination: PlatformHTTPRequest.Destination = .platform
    ) -> PlatformHTTPRequest {
        let auth = clientAuthentication.apply(clientID: clientID, clientSecret: clientSecret)
        return .form(.POST, tokenURL, grant + auth.fields, headers: auth.headers, destination: destination)
    }

    /// A revoke call (RFC 7009) for `token`, or nil when the platform has no revoke endpoint.
    package func revokeRequest(
        token: String, hint: String? = nil, clientID: String, clientSecret: String?, destination: PlatformHTTPRequest.Destination = .platform
    ) -> PlatformHTTPRequest? {
        guard let revokeURL else { return nil }
        let auth = clientAuthentication.apply(clientID: clientID, clientSecret: clientSecret)
        var fields = [("token", token)]
        if let hint { fields.append(("token_type_hint", hint)) }
        return .form(.POST, revokeURL, fields + auth.fields, headers: auth.headers, destination: destination)
    }
}
