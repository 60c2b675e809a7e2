import Foundation

/// Facebook Login: dialog, code exchange, long-lived exchange, permission revoke (docs/platforms/facebook.md,
/// "Consent", "Tokens", "Revoking").
extension SandboxState {
    static let facebookScopes: Set<String> = [
        "public_profile", "email", "pages_show_list", "pages_manage_posts", "pages_read_engagement", "pages_manage_metadata",
        "business_management", "instagram_basic", "instagram_content_publish", "instagram_manage_comments",
    ]

    /// GET shows the dialog; POST (the form) redirects with `code` or the denial parameters.
    func facebookDialog(_ request: SandboxRequest) -> SandboxResponse {
        let p = request.method == .post ? request.form : request.query
        guard let clientID = p["client_id"], let app = app(.facebook, clientID: clientID) else {
            return .html(
                .badRequest,
                HTML.errorPage(platformName: "Facebook", message: "Invalid App ID: The provided app ID does not look like a valid app ID."))
        }
        guard let redirect = p["redirect_uri"], app.redirectURIs.contains(redirect) else {
            return .html(
                .badRequest,
                HTML.errorPage(
                    platformName: "Facebook",
                    message: "URL Blocked: This redirect failed because the redirect URI is not whitelisted in the app's Client OAuth Settings."))
        }
        let state = p["state"]
        let scopes = (p["scope"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard (p["response_type"] ?? "code") == "code" else {
            return .html(
                .badRequest, HTML.errorPage(platformName: "Facebook", message: "The sandbox serves only the server-side flow (response_type=code)."))
        }
        guard scopes.allSatisfy(Self.facebookScopes.contains) else {
            return .html(
                .badRequest,
                HTML.errorPage(
                    platformName: "Facebook",
                    message: "Invalid Scopes: \(scopes.filter { !Self.facebookScopes.contains($0) }.joined(separator: ", "))."))
        }
        if request.method == .get {
            let hidden = ["client_id", "redirect_uri", "state", "response_type", "scope", "auth_type"].compactMap { key in p[key].map { (key, $0) } }
            return .html(
                HTML.consentPage(
                    platformName: "Facebook", appName: app.name, scopes: scopes, accounts: DemoData.facebookUsers,
                    action: "/\(request.host)\(request.path)", hidden: hidden))
        }
        func back(_ pairs: [(String, String)]) -> SandboxResponse {
            .redirect(FormCoding.appendQuery(to: redirect, pairs + (state.map { [("state", $0)] } ?? [])) + "#_=_")
        }
        guard p["decision"] == "allow" else {
            return back([
                ("error", "access_denied"), ("error_code", "200"), ("error_description", "Permissions error"), ("error_reason", "user_denied"),
            ])
        }
        guard let user = DemoData.facebookUsers.first(where: { $0.id == p["account"] }) else {
            return .html(.badRequest, HTML.errorPage(platformName: "Facebook", message: "Unknown account"))
        }
        // Code lifetime: 10 minutes (assumption, NOTES.md "Facebook").
        let code = issueCode(
            AuthorizationCode(
                value: randomSecret(prefix: "AQ", bytes: 48), platform: .facebook, clientID: clientID,
                redirectURI: redirect, accountID: user.id, scopes: scopes + ["public_profile"], issuedAt: now, expiresAt: now.addingTimeInterval(600))
        )
        return back([("code", code.value)])
    }

    /// `GET|POST /oauth/access_token`: code exchange or `fb_exchange_token`.
    func facebookAccessToken(_ request: SandboxRequest) -> SandboxResponse {
        guard let clientID = request.param("client_id"), let app = app(.facebook, clientID: clientID) else {
            return GraphError.response(code: 101, message: "Error validating application. Invalid application ID.")
        }
        guard let secret = request.param("client_secret"), let expected = app.clientSecret, PKCE.constantTimeEqual(expected, secret) else {
            return GraphError.response(code: 1, message: "Error validating client secret.")
        }
        if request.param("grant_type") == "fb_exchange_token" {
            guard let value = request.param("fb_exchange_token"), let user = tokens[value], user.platform == .facebook,
                user.clientID == clientID, user.kind == .shortLivedUser || user.kind == .longLivedUser
            else {
                return GraphError.badToken
            }
            if user.revoked { return GraphError.notAuthorized(clientID) }
            if let expiry = user.expiresAt, now >= expiry { return GraphError.expired(expiry.formatted(.iso8601)) }
            let long = issueToken(
                .facebook, kind: .longLivedUser, prefix: "EAAB", clientID: clientID, accountID: user.accountID,
                scopes: user.scopes, lifetime: 5_183_944)
            return .object(["access_token": long.value, "token_type": "bearer", "expires_in": 5_183_944])
        }
        let code: AuthorizationCode
        switch redeemGraphCode(request.param("code"), redirectURI: request.param("redirect_uri"), platform: .facebook, clientID: clientID) {
        case .failure(let failure): return failure.response
        case .success(let redeemed): code = redeemed
        }
        let short = issueToken(
            .facebook, kind: .shortLivedUser, prefix: "EAAB", clientID: clientID, accountID: code.accountID,
            scopes: code.scopes, lifetime: 3600)
        return .object(["access_token": short.value, "token_type": "bearer", "expires_in": 3600])
    }

    /// `DELETE /me/permissions`: app removal; every token of that user for the app dies, Page tokens too.
    func facebookRevoke(_ token: IssuedToken) -> SandboxResponse {
        for (value, other) in tokens where other.platform == .facebook && other.clientID == token.clientID && other.accountID == token.accountID {
            tokens[value]?.revoked = true
        }
        return .object(["success": true])
    }
}
