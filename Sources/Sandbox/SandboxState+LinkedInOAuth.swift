import Foundation

/// LinkedIn OAuth 2.0 (+ OIDC): authorization page, token, optional refresh, revoke
/// (docs/platforms/linkedin.md, "Authorize" to "Revoke").
extension SandboxState {
    /// Self-serve scopes; anything else needs LinkedIn approval (docs/platforms/linkedin.md,
    /// "Products and scopes").
    static let linkedinScopes: Set<String> = ["openid", "profile", "email", "w_member_social"]

    static func linkedinOAuthError(_ status: Int, _ error: String, _ description: String) -> SandboxResponse {
        .object(.init(code: status), ["error": error, "error_description": description])
    }

    func linkedinAuthorize(_ request: SandboxRequest) -> SandboxResponse {
        let p = request.method == .post ? request.form : request.query
        guard let clientID = p["client_id"], let app = app(.linkedin, clientID: clientID) else {
            return .html(.badRequest, HTML.errorPage(platformName: "LinkedIn", message: "Invalid client_id"))
        }
        guard let redirect = p["redirect_uri"], app.redirectURIs.contains(redirect) else {
            return .html(.badRequest, HTML.errorPage(platformName: "LinkedIn", message: "The redirect_uri does not match the registered value"))
        }
        let state = p["state"]
        func back(_ pairs: [(String, String)]) -> SandboxResponse {
            .redirect(FormCoding.appendQuery(to: redirect, pairs + (state.map { [("state", $0)] } ?? [])))
        }
        let scopes = (p["scope"] ?? "").split(separator: " ").map(String.init)
        guard p["response_type"] == "code" else { return back([("error", "invalid_request"), ("error_description", "response_type must be code")]) }
        guard !scopes.isEmpty, scopes.allSatisfy(Self.linkedinScopes.contains) else {
            return back([
                ("error", "unauthorized_scope_error"),
                (
                    "error_description",
                    "Scope \"\(scopes.filter { !Self.linkedinScopes.contains($0) }.joined(separator: " "))\" is not authorized for your application"
                ),
            ])
        }
        if request.method == .get {
            let hidden = ["response_type", "client_id", "redirect_uri", "state", "scope"].compactMap { key in p[key].map { (key, $0) } }
            return .html(
                HTML.consentPage(
                    platformName: "LinkedIn", appName: app.name, scopes: scopes, accounts: DemoData.linkedinMembers,
                    action: "/\(request.host)/oauth/v2/authorization", hidden: hidden))
        }
        guard p["decision"] == "allow" else {
            return back([("error", "user_cancelled_authorize"), ("error_description", "The user cancelled the authorization")])
        }
        guard let member = DemoData.linkedinMembers.first(where: { $0.id == p["account"] }) else {
            return .html(.badRequest, HTML.errorPage(platformName: "LinkedIn", message: "Unknown account"))
        }
        // Codes live 30 minutes and are single-use (docs/platforms/linkedin.md, "Authorize").
        let code = issueCode(
            AuthorizationCode(
                value: randomSecret(prefix: "AQ", bytes: 48), platform: .linkedin, clientID: clientID,
                redirectURI: redirect, accountID: member.id, scopes: scopes, issuedAt: now, expiresAt: now.addingTimeInterval(1800)))
        return back([("code", code.value)])
    }

    /// Client credentials must be in the form body (`client_secret_post`: docs/platforms/linkedin.md,
    /// "Token endpoint").
    func linkedinClient(_ request: SandboxRequest) -> RegisteredApp? {
        guard request.contentType == "application/x-www-form-urlencoded", let id = request.form["client_id"],
            let secret = request.form["client_secret"], let app = app(.linkedin, clientID: id),
            let expected = app.clientSecret, PKCE.constantTimeEqual(expected, secret)
        else { return nil }
        return app
    }

    func linkedinToken(_ request: SandboxRequest) -> SandboxResponse {
        guard let app = linkedinClient(request) else {
            return Self.linkedinOAuthError(401, "invalid_client", "Client authentication failed")
        }
        switch request.form["grant_type"] {
        case "authorization_code":
            guard let value = request.form["code"], var code = codes[value], code.platform == .linkedin, code.clientID == app.clientID,
                !code.used, now < code.expiresAt, request.form["redirect_uri"] == code.redirectURI
            else {
                return Self.linkedinOAuthError(
                    400, "invalid_request",
                    "Unable to retrieve access token: appid/redirect uri/code verifier does not match authorization code. Or authorization code expired. Or external member binding exists"
                )
            }
            code.used = true
            codes[value] = code
            let access = issueToken(
                .linkedin, kind: .access, prefix: "AQ", clientID: app.clientID, accountID: code.accountID,
                scopes: code.scopes, lifetime: 5_184_000)
            var body: [String: Any] = [
                "access_token": access.value, "expires_in": 5_184_000, "token_type": "Bearer",
                "scope": code.scopes.sorted().joined(separator: ","),
            ]
            if code.scopes.contains("openid") { body["id_token"] = linkedinIDToken(code.accountID, clientID: app.clientID) }
            if linkedinRefreshEnabled {
                let refresh = issueToken(
                    .linkedin, kind: .refresh, prefix: "AQ", clientID: app.clientID, accountID: code.accountID,
                    scopes: code.scopes, lifetime: 31_536_000)
                body["refresh_token"] = refresh.value
                body["refresh_token_expires_in"] = 31_536_000
            }
            return .object(body)
        case "refresh_token" where linkedinRefreshEnabled:
            guard let value = request.form["refresh_token"], let refresh = tokens[value], refresh.platform == .linkedin,
                refresh.kind == .refresh, !refresh.revoked, !refresh.isExpired(at: now), refresh.clientID == app.clientID,
                let expiry = refresh.expiresAt
            else {
                return Self.linkedinOAuthError(400, "invalid_request", "The provided refresh token is invalid or expired")
            }
            let access = issueToken(
                .linkedin, kind: .access, prefix: "AQ", clientID: app.clientID, accountID: refresh.accountID,
                scopes: refresh.scopes, lifetime: 5_184_000)
            // The refresh token's 365-day TTL is fixed from the first authorization
            // (docs/platforms/linkedin.md, "Refresh").
            return .object([
                "access_token": access.value, "expires_in": 5_184_000, "refresh_token": refresh.value,
                "refresh_token_expires_in": Int(expiry.timeIntervalSince(now)), "scope": refresh.scopes.sorted().joined(separator: ","),
            ])
        default:
            return Self.linkedinOAuthError(400, "invalid_request", "A required parameter \"grant_type\" is missing or invalid")
        }
    }

    /// An OIDC id_token shaped like LinkedIn's; its signature is not verifiable (NOTES.md "LinkedIn").
    func linkedinIDToken(_ sub: String, clientID: String) -> String {
        let member = DemoData.linkedinMembers.first { $0.id == sub }
        let header = Data(#"{"alg":"RS256","kid":"sandbox","typ":"JWT"}"#.utf8).base64URLEncoded
        let issued = Int(now.timeIntervalSince1970)
        let claims =
            #"{"iss":"https://www.linkedin.com/oauth","aud":"\#(clientID)","sub":"\#(sub)","iat":\#(issued),"exp":\#(issued + 3600),"name":"\#(member?.name ?? "")"}"#
        return header + "." + Data(claims.utf8).base64URLEncoded + "." + randomSecret(bytes: 64)
    }

    func linkedinRevoke(_ request: SandboxRequest) -> SandboxResponse {
        guard let app = linkedinClient(request) else { return Self.linkedinOAuthError(401, "invalid_client", "Client authentication failed") }
        guard let value = request.form["token"] else { return Self.linkedinOAuthError(400, "invalid_request", "token is required") }
        if let token = tokens[value], token.platform == .linkedin, token.clientID == app.clientID { tokens[value]?.revoked = true }
        return .empty(.ok)
    }
}
