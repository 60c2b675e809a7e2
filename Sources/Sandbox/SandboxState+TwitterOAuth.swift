import Foundation

/// X OAuth 2.0 authorization code + PKCE (docs/platforms/twitter.md, "Authorize" to "Revoke").
extension SandboxState {
    static let twitterScopes: Set<String> = [
        "tweet.read", "tweet.write", "tweet.moderate.write", "users.read", "users.email", "follows.read", "follows.write",
        "offline.access", "space.read", "mute.read", "mute.write", "like.read", "like.write", "list.read", "list.write",
        "block.read", "block.write", "bookmark.read", "bookmark.write", "media.write", "dm.read", "dm.write",
    ]

    static func twitterOAuthError(_ status: Int, _ error: String, _ description: String) -> SandboxResponse {
        .object(.init(code: status), ["error": error, "error_description": description])
    }

    /// GET renders consent, POST (the form) redirects with `code` or `error=access_denied`.
    func twitterAuthorize(_ request: SandboxRequest) -> SandboxResponse {
        let p = request.method == .post ? request.form : request.query
        let page = "X"
        guard let clientID = p["client_id"], let app = app(.twitter, clientID: clientID) else {
            return .html(
                .badRequest, HTML.errorPage(platformName: page, message: "Something went wrong. You weren't able to give access to the App."))
        }
        guard let redirect = p["redirect_uri"], app.redirectURIs.contains(redirect) else {
            return .html(
                .badRequest, HTML.errorPage(platformName: page, message: "Something went wrong. You weren't able to give access to the App."))
        }
        // Strict: every documented parameter is required (docs/platforms/twitter.md, "Authorize").
        let scopes = (p["scope"] ?? "").split(separator: " ").map(String.init)
        guard p["response_type"] == "code", let state = p["state"], !state.isEmpty, state.count <= 500,
            !scopes.isEmpty, scopes.allSatisfy(Self.twitterScopes.contains),
            let challenge = p["code_challenge"], !challenge.isEmpty,
            let method = p["code_challenge_method"], method == "S256" || method == "plain"
        else {
            return .html(
                .badRequest, HTML.errorPage(platformName: page, message: "Something went wrong. You weren't able to give access to the App."))
        }
        if request.method == .get {
            let hidden = ["response_type", "client_id", "redirect_uri", "scope", "state", "code_challenge", "code_challenge_method"]
                .compactMap { key in p[key].map { (key, $0) } }
            return .html(
                HTML.consentPage(
                    platformName: page, appName: app.name, scopes: scopes, accounts: DemoData.twitterUsers,
                    action: "/\(request.host)/i/oauth2/authorize", hidden: hidden))
        }
        guard p["decision"] == "allow" else {
            return .redirect(FormCoding.appendQuery(to: redirect, [("error", "access_denied"), ("state", state)]))
        }
        guard let account = DemoData.twitterUsers.first(where: { $0.id == p["account"] }) else {
            return .html(.badRequest, HTML.errorPage(platformName: page, message: "Unknown account"))
        }
        // The code expires 30 seconds after issue (docs/platforms/twitter.md, "Authorize").
        let code = issueCode(
            AuthorizationCode(
                value: randomSecret(bytes: 48), platform: .twitter, clientID: clientID, redirectURI: redirect, accountID: account.id,
                scopes: scopes, codeChallenge: challenge, codeChallengeMethod: method, issuedAt: now, expiresAt: now.addingTimeInterval(30)))
        return .redirect(FormCoding.appendQuery(to: redirect, [("state", state), ("code", code.value)]))
    }

    /// Confidential clients must use HTTP Basic; public clients send `client_id` in the body
    /// (docs/platforms/twitter.md, "Token endpoint").
    func twitterClient(_ request: SandboxRequest) -> RegisteredApp? {
        if let basic = request.basicCredentials {
            guard let app = app(.twitter, clientID: basic.id), let secret = app.clientSecret,
                PKCE.constantTimeEqual(secret, basic.secret)
            else { return nil }
            return app
        }
        guard let id = request.form["client_id"], let app = app(.twitter, clientID: id), app.clientSecret == nil else { return nil }
        return app
    }

    func twitterToken(_ request: SandboxRequest) -> SandboxResponse {
        guard request.contentType == "application/x-www-form-urlencoded" else {
            return Self.twitterOAuthError(400, "invalid_request", "Missing required parameter [grant_type].")
        }
        guard let app = twitterClient(request) else {
            return Self.twitterOAuthError(401, "invalid_client", "Missing valid authorization header")
        }
        switch request.form["grant_type"] {
        case "authorization_code":
            let invalid = Self.twitterOAuthError(400, "invalid_request", "Value passed for the authorization code was invalid.")
            guard let value = request.form["code"], var code = codes[value], code.platform == .twitter,
                code.clientID == app.clientID, !code.used, now < code.expiresAt,
                request.form["redirect_uri"] == code.redirectURI,
                let verifier = request.form["code_verifier"],
                PKCE.verify(verifier: verifier, challenge: code.codeChallenge ?? "", method: code.codeChallengeMethod ?? "")
            else { return invalid }
            code.used = true
            codes[value] = code
            return twitterIssue(clientID: app.clientID, accountID: code.accountID, scopes: code.scopes)
        case "refresh_token":
            guard let value = request.form["refresh_token"], let old = tokens[value], old.platform == .twitter,
                old.kind == .refresh, !old.revoked, old.clientID == app.clientID
            else {
                return Self.twitterOAuthError(400, "invalid_request", "Value passed for the token was invalid.")
            }
            tokens[value]?.revoked = true  // single-use: rotation (docs/platforms/twitter.md, "Refresh")
            return twitterIssue(clientID: app.clientID, accountID: old.accountID, scopes: old.scopes)
        default:
            return Self.twitterOAuthError(400, "invalid_request", "Missing required parameter [grant_type].")
        }
    }

    private func twitterIssue(clientID: String, accountID: String, scopes: [String]) -> SandboxResponse {
        var access = issueToken(.twitter, kind: .access, prefix: "", clientID: clientID, accountID: accountID, scopes: scopes, lifetime: 7200)
        var body: [String: Any] = [
            "token_type": "bearer", "expires_in": 7200, "access_token": access.value,
            "scope": scopes.joined(separator: " "),
        ]
        if scopes.contains("offline.access") {
            var refresh = issueToken(.twitter, kind: .refresh, prefix: "", clientID: clientID, accountID: accountID, scopes: scopes, lifetime: nil)
            refresh.sibling = access.value
            access.sibling = refresh.value
            tokens[refresh.value] = refresh
            tokens[access.value] = access
            body["refresh_token"] = refresh.value
        }
        return .object(body)
    }

    /// Revokes the token and the one minted with it (strict assumption, NOTES.md "X").
    func twitterRevoke(_ request: SandboxRequest) -> SandboxResponse {
        guard let app = twitterClient(request) else {
            return Self.twitterOAuthError(401, "invalid_client", "Missing valid authorization header")
        }
        guard let value = request.form["token"] else {
            return Self.twitterOAuthError(400, "invalid_request", "Missing required parameter [token].")
        }
        if let token = tokens[value], token.platform == .twitter, token.clientID == app.clientID {
            tokens[value]?.revoked = true
            if let sibling = token.sibling { tokens[sibling]?.revoked = true }
        }
        return .object(["revoked": true])
    }
}
