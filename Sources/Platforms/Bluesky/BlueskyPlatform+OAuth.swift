import Crypto
import Foundation
import SocialCore

/// atproto OAuth (docs/platforms/bluesky.md, "OAuth"): PAR, the authorize redirect, the code and
/// refresh grants, revocation. Between PAR and the callback the service keeps only the issuer
/// (`ConnectRequest.instanceURL`) and the encrypted PKCE verifier, from which the DPoP key is
/// derived again (`BlueskyDPoP.derivedKey`); at the callback the account's identity is walked
/// again from the token's `sub`, and its PDS must name the same issuer.
extension BlueskyPlatform {
    package func authorizeURL(for request: ConnectRequest) async throws(PlatformError) -> URL {
        let issuer: URL
        if let kept = request.instanceURL {
            guard let checked = origin(kept.absoluteString) else { throw refuse("The saved Bluesky server address is not valid; start again.") }
            issuer = checked
        } else {
            issuer = try await prepareAuthorization(hint: request.accountHint)
        }
        let server = try await authorizationServer(issuer: issuer)
        let key = try dpopKey(for: request)
        guard let verifier = request.codeVerifier, request.state.utf8.count <= 1024, !request.state.isEmpty else {
            throw PlatformError(.misconfigured, .bluesky, "Connecting to Bluesky needs a PKCE verifier and a state of at most 1,024 bytes.")
        }
        var fields = [
            ("response_type", "code"), ("redirect_uri", try redirectURI(request)), ("scope", BlueskyClient.scopes.joined(separator: " ")),
            ("state", request.state), ("code_challenge", PKCE.challenge(for: verifier)), ("code_challenge_method", PKCE.method),
        ]
        if let hint = request.accountHint, let identifier = try? BlueskyIdentifier.parse(hint) { fields.append(("login_hint", identifier.text)) }
        let response = try await serverPost(server.par, fields, issuer: issuer, key: key)
        struct Pushed: Decodable {
            var requestURI: String
            enum CodingKeys: String, CodingKey { case requestURI = "request_uri" }
        }
        guard (200..<300).contains(response.status) else { throw OAuthErrorResponse.error(from: response, platform: .bluesky) }
        guard let pushed = response.decode(Pushed.self), pushed.requestURI.hasPrefix("urn:ietf:params:oauth:request_uri:"),
            pushed.requestURI.utf8.count <= 1024
        else { throw PlatformError(.unexpectedResponse, .bluesky, "The authorization server's PAR answer is unreadable.") }
        return FormEncoding.url(server.authorization, [("client_id", client.clientID), ("request_uri", pushed.requestURI)])
    }

    package func exchangeCode(_ code: String, for request: ConnectRequest) async throws(PlatformError) -> [OAuthResult] {
        guard let kept = request.instanceURL, let issuer = origin(kept.absoluteString) else {
            throw PlatformError(.invalidGrant, .bluesky, "This Bluesky sign-in has no server recorded; start connecting again.")
        }
        // The callback's `iss` must name the server this authorization went to (mix-up defence).
        guard let said = request.callbackIssuer, origin(said) == issuer else {
            throw PlatformError(.invalidGrant, .bluesky, "The sign-in answer did not come from the Bluesky server it was sent to; start again.")
        }
        let server = try await authorizationServer(issuer: issuer)
        let key = try dpopKey(for: request)
        guard let verifier = request.codeVerifier else { throw PlatformError(.misconfigured, .bluesky, "The PKCE verifier is missing; start again.") }
        let now = Date()
        let response = try await serverPost(
            server.token,
            [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", try redirectURI(request)), ("code_verifier", verifier)],
            issuer: issuer, key: key)
        let tokens = try Self.tokens(from: response, refreshing: false)
        do {
            return [try await account(tokens: tokens, key: key, issuer: issuer, hint: request.accountHint, now: now)]
        } catch {
            // Tokens for an account we refuse must not stay alive (best effort).
            try? await revokeOAuth(tokens.refreshToken ?? tokens.accessToken, issuer: issuer)
            throw error
        }
    }

    /// Who the tokens belong to, checked: `sub`'s own PDS names this issuer, and `sub` is the
    /// account the person typed (when the callback still knows it).
    func account(
        tokens: BlueskyTokenAnswer, key: P256.Signing.PrivateKey, issuer: URL, hint: String?, now: Date
    ) async throws(PlatformError)
        -> OAuthResult
    {
        let location = try await locate(did: tokens.sub)
        guard location.issuer == issuer else {
            throw PlatformError(.invalidGrant, .bluesky, "That account's server does not trust this authorization server; connect again.")
        }
        if let hint, let identifier = try? BlueskyIdentifier.parse(hint), try await did(of: identifier) != tokens.sub {
            throw PlatformError(
                .invalidGrant, .bluesky, "Bluesky signed in a different account than \(identifier.text); connect again with that account.")
        }
        let access = BlueskyStoredToken.dpop(key: key, token: tokens.accessToken)
        let handle = await verifiedHandle(location)
        let name = await displayName(did: tokens.sub, pds: location.pds, token: access)
        return OAuthResult(
            platformUserID: tokens.sub, username: handle, displayName: name ?? handle ?? tokens.sub, accessToken: access.encoded,
            refreshToken: tokens.refreshToken.map { BlueskyStoredToken.dpop(key: key, token: $0).encoded }, expiresAt: tokens.expiresAt(from: now),
            scopes: tokens.scopes,
            extraData: Self.extraData(did: tokens.sub, handle: handle, pds: location.pds, issuer: issuer, mode: "oauth"))
    }

    /// Rotating refresh with the connection's DPoP key (docs/platforms/bluesky.md, "OAuth"): the
    /// answer's refresh token replaces the old one, which no longer works — store it first.
    package func refresh(_ credentials: StoredCredentials) async throws(PlatformError) -> OAuthResult {
        guard let stored = credentials.refreshToken.flatMap(BlueskyStoredToken.init(encoded:)) else {
            throw PlatformError(.refreshNotSupported, .bluesky, "This Bluesky connection has no usable refresh token; connect again.")
        }
        switch stored {
        case .bearer(let refreshJWT):
            return try await refreshAppPasswordSession(refreshJWT, credentials: credentials)
        case .dpop(let key, let refreshToken):
            guard let issuer = credentials.extraData["issuer"].flatMap(origin) else {
                throw PlatformError(.invalidGrant, .bluesky, "This Bluesky connection has no server recorded; connect again.")
            }
            let server = try await authorizationServer(issuer: issuer)
            let now = Date()
            let response = try await serverPost(
                server.token, [("grant_type", "refresh_token"), ("refresh_token", refreshToken)], issuer: issuer, key: key)
            let tokens = try Self.tokens(from: response, refreshing: true)
            guard tokens.sub == credentials.platformUserID else {
                throw PlatformError(.invalidGrant, .bluesky, "Bluesky renewed access for a different account; connect again.")
            }
            return OAuthResult(
                platformUserID: credentials.platformUserID, username: credentials.username,
                accessToken: BlueskyStoredToken.dpop(key: key, token: tokens.accessToken).encoded,
                refreshToken: BlueskyStoredToken.dpop(key: key, token: tokens.refreshToken ?? refreshToken).encoded,
                expiresAt: tokens.expiresAt(from: now), scopes: tokens.scopes, extraData: credentials.extraData)
        }
    }

    /// OAuth: the revocation endpoint, refresh token first (the session ends with it), then the
    /// access token. App passwords: `deleteSession`.
    package func revoke(_ credentials: StoredCredentials) async throws(PlatformError) {
        let refresh = credentials.refreshToken.flatMap(BlueskyStoredToken.init(encoded:))
        let access = BlueskyStoredToken(encoded: credentials.accessToken)
        if case .bearer(let refreshJWT) = refresh {
            return try await deleteAppPasswordSession(refreshJWT, pds: try Self.pds(of: credentials))
        }
        guard let issuer = credentials.extraData["issuer"].flatMap(origin) else {
            throw PlatformError(.invalidGrant, .bluesky, "This Bluesky connection has no server recorded, so it cannot be revoked there.")
        }
        for token in [refresh?.token, access?.token].compactMap({ $0 }) { try await revokeOAuth(token, issuer: issuer) }
    }

    func revokeOAuth(_ token: String, issuer: URL) async throws(PlatformError) {
        let server = try await authorizationServer(issuer: issuer)
        guard let revocation = server.revocation else { return }
        let response = try await serverPost(revocation, [("token", token)], issuer: issuer, key: nil)
        guard (200..<300).contains(response.status) else { throw OAuthErrorResponse.error(from: response, platform: .bluesky) }
    }

    /// The per-authorization DPoP key (`BlueskyDPoP.derivedKey`).
    func dpopKey(for request: ConnectRequest) throws(PlatformError) -> P256.Signing.PrivateKey {
        guard let verifier = request.codeVerifier, verifier.utf8.count >= 43,
            let key = BlueskyDPoP.derivedKey(verifier: verifier, client: client)
        else { throw PlatformError(.misconfigured, .bluesky, "Connecting to Bluesky needs a PKCE verifier of at least 43 characters.") }
        return key
    }

    /// The redirect URI: the one the client metadata declares, which the service's callback is.
    func redirectURI(_ request: ConnectRequest) throws(PlatformError) -> String {
        guard request.redirectURI == client.redirectURI else {
            throw PlatformError(
                .misconfigured, .bluesky, "The Bluesky callback \(request.redirectURI) differs from the client's declared \(client.redirectURI).")
        }
        return request.redirectURI
    }

    /// Reads a token answer; errors in OAuth's words.
    static func tokens(from response: PlatformHTTPResponse, refreshing: Bool) throws(PlatformError) -> BlueskyTokenAnswer {
        guard (200..<300).contains(response.status) else {
            throw OAuthErrorResponse.error(from: response, platform: .bluesky, refreshing: refreshing)
        }
        guard let answer = response.decode(BlueskyTokenAnswer.self) else {
            throw PlatformError(.unexpectedResponse, .bluesky, "The authorization server's token answer is unreadable.")
        }
        return try answer.checked()
    }

    /// Non-secret facts kept with the connection (plain JSON in the database).
    static func extraData(did: String, handle: String?, pds: URL, issuer: URL?, mode: String) -> [String: String] {
        var data = ["did": did, "pds_url": text(pds), "auth": mode]
        if let handle { data["handle"] = handle }
        if let issuer { data["issuer"] = text(issuer) }
        return data
    }

    static func pds(of credentials: StoredCredentials) throws(PlatformError) -> URL {
        guard let text = credentials.extraData["pds_url"], let url = URL(string: text), url.scheme == "https", url.host != nil else {
            throw PlatformError(.invalidGrant, .bluesky, "This Bluesky connection has no server recorded; connect it again.")
        }
        return url
    }
}
