import Foundation

/// Mastodon OAuth: app registration, consent, token, revoke (docs/platforms/mastodon.md,
/// "Discovery" to "Token", "Revocation").
extension SandboxState {
    static let mastodonScopes: Set<String> = [
        "read", "write", "follow", "push", "profile", "admin:read", "admin:write",
        "read:accounts", "read:statuses", "read:notifications", "read:favourites", "read:lists",
        "write:statuses", "write:media", "write:accounts", "write:favourites", "write:follows",
    ]

    /// Whether `granted` covers `scope` (`write` covers `write:statuses`;
    /// docs/platforms/mastodon.md, "Scopes").
    static func mastodonCovers(_ granted: [String], _ scope: String) -> Bool {
        granted.contains(scope) || granted.contains(String(scope.prefix(while: { $0 != ":" })))
    }

    static func scopeList(_ text: String?) -> [String] {
        (text ?? "").split(whereSeparator: { $0 == " " || $0 == "+" }).map(String.init)
    }

    static func mastodonOAuthError(_ status: Int, _ error: String, _ description: String) -> SandboxResponse {
        .object(.init(code: status), ["error": error, "error_description": description])
    }

    static let invalidGrant = mastodonOAuthError(
        400, "invalid_grant",
        "The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client."
    )
    static let invalidClient = mastodonOAuthError(
        401, "invalid_client",
        "Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.")

    /// RFC 8414 metadata (docs/platforms/mastodon.md, "Discovery"). Every URL is sandbox-addressed
    /// — `https://HOST/PATH` becomes `ORIGIN/HOST/PATH` — so a client that follows it, rewriting or
    /// not, stays in the sandbox (NOTES.md "Discovery documents").
    func mastodonMetadata(_ request: SandboxRequest) -> SandboxResponse {
        let address = request.sandboxAddress
        return .object([
            "issuer": address("/"), "authorization_endpoint": address("/oauth/authorize"),
            "token_endpoint": address("/oauth/token"), "revocation_endpoint": address("/oauth/revoke"),
            "app_registration_endpoint": address("/api/v1/apps"), "userinfo_endpoint": address("/oauth/userinfo"),
            "scopes_supported": Self.mastodonScopes.sorted(), "response_types_supported": ["code"],
            "code_challenge_methods_supported": ["S256"],
            "grant_types_supported": ["authorization_code", "client_credentials"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
        ])
    }

    func mastodonRegisterApp(_ request: SandboxRequest) -> SandboxResponse {
        guard let name = request.param("client_name"), !name.isEmpty else {
            return .object(.unprocessableContent, ["error": "Validation failed: Application name can't be blank"])
        }
        let uris = (request.param("redirect_uris") ?? "").split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
        guard !uris.isEmpty else {
            return .object(.unprocessableContent, ["error": "Validation failed: Redirect URI can't be blank"])
        }
        for uri in uris where uri != "urn:ietf:wg:oauth:2.0:oob" {
            guard let url = URL(string: uri), url.scheme != nil, url.host != nil, url.fragment == nil else {
                return .object(.unprocessableContent, ["error": "Validation failed: Redirect URI must be an absolute URI."])
            }
        }
        let scopes = Self.scopeList(request.param("scopes")).isEmpty ? ["read"] : Self.scopeList(request.param("scopes"))
        guard scopes.allSatisfy(Self.mastodonScopes.contains) else {
            return .object(.unprocessableContent, ["error": "Validation failed: Scopes are invalid"])
        }
        var app = RegisteredApp(
            platform: .mastodon, instance: request.host, clientID: randomSecret(bytes: 32),
            clientSecret: randomSecret(bytes: 32), redirectURIs: uris, scopes: scopes, name: name)
        app.appID = newNumericID(prefix: "5")
        app.website = request.param("website")
        apps.append(app)
        var answer = Self.mastodonApplicationJSON(app)
        answer["client_id"] = app.clientID
        answer["client_secret"] = app.clientSecret ?? ""
        answer["client_secret_expires_at"] = 0
        return .object(answer)
    }

    /// Application entity (`vapid_key` is deprecated but still sent and listed as required).
    static func mastodonApplicationJSON(_ app: RegisteredApp) -> [String: Any] {
        [
            "id": app.appID ?? "0", "name": app.name, "website": app.website ?? NSNull(), "scopes": app.scopes,
            "redirect_uri": app.redirectURIs.joined(separator: "\n"), "redirect_uris": app.redirectURIs,
            "vapid_key": "BCkMmVdKDnKYwzVCDC99Iuc9GvId-x7-kKtuHnLgfF98ENiZp_aj-UNthbCdI70DqN1zUVis-x0Wrot2sBagkMc=",
        ]
    }

    /// `GET /api/v1/apps/verify_credentials`: any valid token of the app, user or app token, no scope.
    func mastodonAppCredentials(_ request: SandboxRequest) -> SandboxResponse {
        guard let value = request.bearerToken, let token = tokens[value], token.platform == .mastodon,
            token.instance == request.host, token.kind == .access, !token.revoked, !token.isExpired(at: now),
            let app = app(.mastodon, clientID: token.clientID, instance: request.host)
        else {
            return mastodonTokenRejected(request.host, reason: "is invalid")
        }
        return .object(Self.mastodonApplicationJSON(app))
    }

    /// GET shows the consent page; POST (the form) redirects with a code or `access_denied`.
    func mastodonAuthorize(_ request: SandboxRequest) -> SandboxResponse {
        let p = request.method == .post ? request.form : request.query
        let host = request.host
        guard let clientID = p["client_id"], let app = app(.mastodon, clientID: clientID, instance: host) else {
            return .html(
                .unauthorized,
                HTML.errorPage(
                    platformName: host,
                    message:
                        "Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method."
                ))
        }
        guard let redirect = p["redirect_uri"], app.redirectURIs.contains(redirect) else {
            return .html(.badRequest, HTML.errorPage(platformName: host, message: "The redirect uri included is not valid."))
        }
        var back: [(String, String)] = []
        let state = p["state"]
        func fail(_ error: String, _ description: String) -> SandboxResponse {
            var pairs = [("error", error), ("error_description", description)]
            if let state { pairs.append(("state", state)) }
            return .redirect(FormCoding.appendQuery(to: redirect, pairs))
        }
        guard p["response_type"] == "code" else {
            return fail("unsupported_response_type", "The authorization server does not support this response type.")
        }
        let scopes = Self.scopeList(p["scope"]).isEmpty ? ["read"] : Self.scopeList(p["scope"])
        guard scopes.allSatisfy({ app.scopes.contains($0) }) else {
            return fail("invalid_scope", "The requested scope is invalid, unknown, or malformed.")
        }
        // Servers without PKCE ignore the parameters (docs/platforms/mastodon-servers.md,
        // "Behaviour"): the code then carries no challenge.
        let pkce = mastodonProfile(host).checksPKCE
        if pkce, let method = p["code_challenge_method"], method != "S256" {
            return fail("invalid_request", "The code challenge method must be S256.")
        }
        if pkce, p["code_challenge_method"] != nil, (p["code_challenge"] ?? "").isEmpty {
            return fail("invalid_request", "The request is missing a required parameter: code_challenge.")
        }
        if request.method == .get {
            for key in ["client_id", "redirect_uri", "response_type", "scope", "state", "code_challenge", "code_challenge_method"] {
                if let value = p[key] { back.append((key, value)) }
            }
            return .html(
                HTML.consentPage(
                    platformName: host, appName: app.name, scopes: scopes,
                    accounts: DemoData.mastodonAccounts, action: "/\(host)/oauth/authorize", hidden: back))
        }
        guard p["decision"] == "allow" else {
            return fail("access_denied", "The resource owner or authorization server denied the request.")
        }
        guard let account = DemoData.mastodonAccounts.first(where: { $0.id == p["account"] }) else {
            return .html(.badRequest, HTML.errorPage(platformName: host, message: "Unknown account"))
        }
        // Doorkeeper's default code lifetime is 10 minutes (assumption, NOTES.md "Mastodon").
        let code = issueCode(
            AuthorizationCode(
                value: randomSecret(bytes: 32), platform: .mastodon, instance: host, clientID: clientID, redirectURI: redirect,
                accountID: account.id, scopes: scopes, codeChallenge: pkce ? p["code_challenge"] : nil,
                codeChallengeMethod: pkce && p["code_challenge"] != nil ? "S256" : nil, issuedAt: now, expiresAt: now.addingTimeInterval(600)))
        if redirect == "urn:ietf:wg:oauth:2.0:oob" {
            // Out-of-band: the code is shown instead of redirecting (docs/platforms/mastodon.md,
            // "Authorization").
            return .html(
                HTML.page(
                    title: "Authorization code", body: "<p>Copy this authorization code:</p><code id=\"code\">\(HTML.escape(code.value))</code>"))
        }
        var pairs = [("code", code.value)]
        if let state { pairs.append(("state", state)) }
        return .redirect(FormCoding.appendQuery(to: redirect, pairs))
    }

    /// Client authentication: body (`client_secret_post`) or HTTP Basic
    /// (docs/platforms/mastodon.md, "Token").
    func mastodonClient(_ request: SandboxRequest) -> RegisteredApp? {
        let id: String?, secret: String?
        if let basic = request.basicCredentials {
            (id, secret) = (basic.id, basic.secret)
        } else {
            (id, secret) = (request.form["client_id"], request.form["client_secret"])
        }
        guard let id, let secret, let app = app(.mastodon, clientID: id, instance: request.host),
            let expected = app.clientSecret, PKCE.constantTimeEqual(expected, secret)
        else { return nil }
        return app
    }

    func mastodonToken(_ request: SandboxRequest) -> SandboxResponse {
        guard let app = mastodonClient(request) else { return Self.invalidClient }
        if request.form["grant_type"] == "client_credentials" {
            // An app token: no user behind it (docs/platforms/mastodon.md, "Token").
            let scopes = Self.scopeList(request.form["scope"]).isEmpty ? ["read"] : Self.scopeList(request.form["scope"])
            guard scopes.allSatisfy({ app.scopes.contains($0) }) else {
                return Self.mastodonOAuthError(400, "invalid_scope", "The requested scope is invalid, unknown, or malformed.")
            }
            let token = issueToken(
                .mastodon, kind: .access, prefix: "", instance: request.host, clientID: app.clientID,
                accountID: "", scopes: scopes, lifetime: nil)
            return .object([
                "access_token": token.value, "token_type": "Bearer", "scope": scopes.joined(separator: " "),
                "created_at": Int(token.issuedAt.timeIntervalSince1970),
            ])
        }
        if request.form["grant_type"] == "refresh_token", mastodonProfile(request.host).tokenLifetime != nil {
            return mastodonRefresh(request, app: app)
        }
        guard request.form["grant_type"] == "authorization_code" else {
            return Self.mastodonOAuthError(
                400, "unsupported_grant_type", "The authorization grant type is not supported by the authorization server.")
        }
        guard let value = request.form["code"], var code = codes[value], code.platform == .mastodon,
            code.instance == request.host, code.clientID == app.clientID, !code.used, now < code.expiresAt,
            code.redirectURI == request.form["redirect_uri"]
        else { return Self.invalidGrant }
        if let challenge = code.codeChallenge {
            guard let verifier = request.form["code_verifier"], PKCE.verify(verifier: verifier, challenge: challenge, method: "S256") else {
                return Self.invalidGrant
            }
        }
        code.used = true
        codes[value] = code
        return mastodonTokenAnswer(host: request.host, app: app, accountID: code.accountID, scopes: code.scopes)
    }

    /// Mastodon, Takahē, GoToSocial: no `expires_in`, no refresh token. Pleroma/Akkoma: both
    /// (docs/platforms/mastodon.md, "Token"; docs/platforms/mastodon-servers.md, "Behaviour").
    private func mastodonTokenAnswer(host: String, app: RegisteredApp, accountID: String, scopes: [String]) -> SandboxResponse {
        let lifetime = mastodonProfile(host).tokenLifetime
        let token = issueToken(
            .mastodon, kind: .access, prefix: "", instance: host, clientID: app.clientID,
            accountID: accountID, scopes: scopes, lifetime: lifetime)
        var answer: [String: Any] = [
            "access_token": token.value, "token_type": "Bearer", "scope": scopes.joined(separator: " "),
            "created_at": Int(token.issuedAt.timeIntervalSince1970),
        ]
        if let lifetime {
            let refresh = issueToken(
                .mastodon, kind: .refresh, prefix: "", instance: host, clientID: app.clientID,
                accountID: accountID, scopes: scopes, lifetime: nil)
            answer["expires_in"] = Int(lifetime)
            answer["refresh_token"] = refresh.value
            if let account = DemoData.mastodonAccounts.first(where: { $0.id == accountID }) {
                answer["me"] = "https://\(host)/users/\(account.username)"
            }
        }
        return .object(answer)
    }

    private func mastodonRefresh(_ request: SandboxRequest, app: RegisteredApp) -> SandboxResponse {
        guard let value = request.form["refresh_token"], let refresh = tokens[value], refresh.kind == .refresh,
            refresh.platform == .mastodon, refresh.instance == request.host, refresh.clientID == app.clientID,
            !refresh.revoked
        else { return Self.invalidGrant }
        tokens[value]?.revoked = true  // assumption: a refresh token is single use (NOTES.md "Mastodon-API servers")
        return mastodonTokenAnswer(host: request.host, app: app, accountID: refresh.accountID, scopes: refresh.scopes)
    }

    func mastodonRevoke(_ request: SandboxRequest) -> SandboxResponse {
        guard let app = mastodonClient(request) else { return Self.invalidClient }
        guard let value = request.form["token"], let token = tokens[value], token.instance == request.host else {
            return .object([:])  // RFC 7009: unknown tokens answer 200
        }
        guard token.clientID == app.clientID else {
            return Self.mastodonOAuthError(403, "unauthorized_client", "You are not authorized to revoke this token")
        }
        tokens[value]?.revoked = true
        return .object([:])
    }
}
