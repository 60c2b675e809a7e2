import Foundation

/// Instagram API with Instagram Login (variant A): consent, wrapped code exchange, `ig_exchange_token`,
/// `ig_refresh_token`, `/me` (docs/platforms/instagram.md, "Instagram Login"). Publishing is shared with
/// variant B.
extension SandboxState {
    /// Current scope names; the pre-2025 `business_*` names are refused (docs/platforms/instagram.md,
    /// "Instagram Login").
    static let instagramLoginScopes: Set<String> = [
        "instagram_business_basic", "instagram_business_content_publish", "instagram_business_manage_messages",
        "instagram_business_manage_comments", "instagram_business_manage_insights",
    ]

    func instagramLoginAuthorize(_ request: SandboxRequest) -> SandboxResponse {
        let p = request.method == .post ? request.form : request.query
        guard let clientID = p["client_id"], let app = app(.instagram, clientID: clientID) else {
            return .html(.badRequest, HTML.errorPage(platformName: "Instagram", message: "Invalid platform app"))
        }
        guard let redirect = p["redirect_uri"], app.redirectURIs.contains(redirect) else {
            return .html(.badRequest, HTML.errorPage(platformName: "Instagram", message: "Invalid redirect_uri"))
        }
        let scopes = (p["scope"] ?? "").split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
        guard p["response_type"] == "code", !scopes.isEmpty, scopes.allSatisfy(Self.instagramLoginScopes.contains),
            scopes.contains("instagram_business_basic")
        else {
            return .html(
                .badRequest,
                HTML.errorPage(
                    platformName: "Instagram",
                    message: "Invalid request: response_type=code and instagram_business_* scopes including instagram_business_basic are required."))
        }
        let accounts = DemoData.instagramAccounts.map { DemoAccount(id: $0.id, username: $0.username, name: $0.name) }
        if request.method == .get {
            let hidden = ["client_id", "redirect_uri", "response_type", "scope", "state", "force_reauth"].compactMap { key in p[key].map { (key, $0) }
            }
            return .html(
                HTML.consentPage(
                    platformName: "Instagram", appName: app.name, scopes: scopes, accounts: accounts,
                    action: "/\(request.host)/oauth/authorize", hidden: hidden))
        }
        let state = p["state"]
        func back(_ pairs: [(String, String)]) -> SandboxResponse {
            .redirect(FormCoding.appendQuery(to: redirect, pairs + (state.map { [("state", $0)] } ?? [])) + "#_")
        }
        guard p["decision"] == "allow" else {
            return back([("error", "access_denied"), ("error_reason", "user_denied"), ("error_description", "The user denied your request.")])
        }
        guard let account = DemoData.instagramAccounts.first(where: { $0.id == p["account"] }) else {
            return .html(.badRequest, HTML.errorPage(platformName: "Instagram", message: "Unknown account"))
        }
        guard account.accountType != "PERSONAL" else {
            // Only professional accounts can use Business Login (docs/platforms/instagram.md, "Accounts").
            return .html(.forbidden, HTML.errorPage(platformName: "Instagram", message: "Switch to a professional account to continue."))
        }
        let code = issueCode(
            AuthorizationCode(
                value: randomSecret(prefix: "AQ", bytes: 48), platform: .instagram, clientID: clientID,
                redirectURI: redirect, accountID: account.id, scopes: scopes, issuedAt: now, expiresAt: now.addingTimeInterval(600)))
        return back([("code", code.value)])
    }

    /// `POST api.instagram.com/oauth/access_token` → documented wrapped form (flat behind a switch).
    func instagramLoginCode(_ request: SandboxRequest) -> SandboxResponse {
        guard request.method == .post else { return GraphError.unknownPath }
        guard let clientID = request.form["client_id"], let app = app(.instagram, clientID: clientID) else {
            return .object(.badRequest, ["error_type": "OAuthException", "code": 400, "error_message": "Invalid platform app"])
        }
        guard let secret = request.form["client_secret"], let expected = app.clientSecret, PKCE.constantTimeEqual(expected, secret) else {
            return .object(.badRequest, ["error_type": "OAuthException", "code": 400, "error_message": "Error validating client secret."])
        }
        guard request.form["grant_type"] == "authorization_code", let value = request.form["code"], var code = codes[value],
            code.platform == .instagram, code.clientID == clientID, !code.used, now < code.expiresAt,
            request.form["redirect_uri"] == code.redirectURI
        else {
            return .object(
                .badRequest,
                [
                    "error_type": "OAuthException", "code": 400,
                    "error_message":
                        "Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request",
                ])
        }
        code.used = true
        codes[value] = code
        let token = issueToken(
            .instagram, kind: .shortLivedUser, prefix: "IGAA", clientID: clientID, accountID: code.accountID,
            scopes: code.scopes, lifetime: 3600)
        let entry: [String: Any] = ["access_token": token.value, "user_id": code.accountID, "permissions": code.scopes.joined(separator: ",")]
        return instagramFlatTokenResponse ? .object(entry) : .object(["data": [entry]])
    }

    /// `ig_exchange_token` (needs the Instagram app secret) and `ig_refresh_token` (≥ 24 h old, unexpired).
    func instagramLoginGrant(_ request: SandboxRequest, refresh: Bool) -> SandboxResponse {
        longLivedGrant(request, platform: .instagram, grant: refresh ? "ig_refresh_token" : "ig_exchange_token", refresh: refresh, prefix: "IGAA")
    }

    /// `GET graph.instagram.com/{v}/me`: `user_id` is the professional-account id, `id` app-scoped.
    func instagramLoginMe(_ request: SandboxRequest, token: IssuedToken) -> SandboxResponse {
        guard let account = DemoData.instagramAccounts.first(where: { $0.id == token.accountID }) else { return GraphError.unknownPath }
        let all: [String: Any] = [
            "user_id": account.id, "username": account.username, "name": account.name,
            "account_type": account.accountType, "id": "2" + account.id.dropFirst(),
            "profile_picture_url": "https://www.instagram.com/static/\(account.username).jpg",
        ]
        let fields = Self.fields(request) ?? ["id", "username"]
        return .object(all.filter { fields.contains($0.key) || $0.key == "id" })
    }
}
