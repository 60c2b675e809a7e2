import Foundation

/// Threads authorization window, code exchange, long-lived exchange and refresh (docs/platforms/threads.md,
/// "Consent", "Tokens").
extension SandboxState {
    static let threadsScopes: Set<String> = [
        "threads_basic", "threads_content_publish", "threads_manage_replies", "threads_read_replies",
        "threads_manage_insights", "threads_delete", "threads_keyword_search", "threads_location_tagging",
    ]

    func threadsAuthorize(_ request: SandboxRequest) -> SandboxResponse {
        let p = request.method == .post ? request.form : request.query
        guard let clientID = p["client_id"], let app = app(.threads, clientID: clientID) else {
            return .html(.badRequest, HTML.errorPage(platformName: "Threads", message: "Invalid platform app"))
        }
        guard let redirect = p["redirect_uri"], app.redirectURIs.contains(redirect) else {
            return .html(
                .badRequest,
                HTML.errorPage(platformName: "Threads", message: "Invalid redirect_uri: it does not match a valid OAuth redirect URI of the app."))
        }
        // scope and response_type are required (docs/platforms/threads.md, "Consent").
        let scopes = (p["scope"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard p["response_type"] == "code", !scopes.isEmpty, scopes.allSatisfy(Self.threadsScopes.contains), scopes.contains("threads_basic") else {
            return .html(
                .badRequest,
                HTML.errorPage(
                    platformName: "Threads",
                    message: "Invalid request: response_type=code and a comma-separated scope including threads_basic are required."))
        }
        let state = p["state"]
        if request.method == .get {
            let hidden = ["client_id", "redirect_uri", "scope", "response_type", "state"].compactMap { key in p[key].map { (key, $0) } }
            return .html(
                HTML.consentPage(
                    platformName: "Threads", appName: app.name, scopes: scopes, accounts: DemoData.threadsUsers,
                    action: "/\(request.host)/oauth/authorize", hidden: hidden))
        }
        func back(_ pairs: [(String, String)]) -> SandboxResponse {
            .redirect(FormCoding.appendQuery(to: redirect, pairs + (state.map { [("state", $0)] } ?? [])) + "#_")
        }
        guard p["decision"] == "allow" else {
            return back([("error", "access_denied"), ("error_reason", "user_denied"), ("error_description", "Permissions error")])
        }
        guard let user = DemoData.threadsUsers.first(where: { $0.id == p["account"] }) else {
            return .html(.badRequest, HTML.errorPage(platformName: "Threads", message: "Unknown account"))
        }
        let code = issueCode(
            AuthorizationCode(
                value: randomSecret(prefix: "AQ", bytes: 48), platform: .threads, clientID: clientID,
                redirectURI: redirect, accountID: user.id, scopes: scopes, issuedAt: now, expiresAt: now.addingTimeInterval(600)))
        return back([("code", code.value)])
    }

    func threadsCodeExchange(_ request: SandboxRequest) -> SandboxResponse {
        guard let clientID = request.param("client_id"), let app = app(.threads, clientID: clientID) else {
            return GraphError.response(code: 101, message: "Error validating application. Invalid application ID.")
        }
        guard let secret = request.param("client_secret"), let expected = app.clientSecret, PKCE.constantTimeEqual(expected, secret) else {
            return GraphError.response(code: 1, message: "Error validating client secret.")
        }
        guard request.param("grant_type") == "authorization_code" else {
            return GraphError.invalidParameter("Missing or invalid grant_type")
        }
        let code: AuthorizationCode
        switch redeemGraphCode(request.param("code"), redirectURI: request.param("redirect_uri"), platform: .threads, clientID: clientID) {
        case .failure(let failure): return failure.response
        case .success(let redeemed): code = redeemed
        }
        let token = issueToken(
            .threads, kind: .shortLivedUser, prefix: "THQV", clientID: clientID, accountID: code.accountID,
            scopes: code.scopes, lifetime: 3600)
        return .object(["access_token": token.value, "user_id": Int(code.accountID) ?? 0])
    }

    /// `th_exchange_token` (needs the secret) and `th_refresh_token` (token ≥ 24 h old, unexpired).
    func threadsTokenGrant(_ request: SandboxRequest, refresh: Bool) -> SandboxResponse {
        longLivedGrant(
            request, platform: .threads, grant: refresh ? "th_refresh_token" : "th_exchange_token", refresh: refresh, prefix: "THQV",
            refreshScope: "threads_basic")
    }
}
