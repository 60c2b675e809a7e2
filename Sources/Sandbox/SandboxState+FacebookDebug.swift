import Crypto
import Foundation

/// `debug_token` (docs/platforms/facebook.md, "Tokens") and `signed_request` generation for Meta callbacks
/// (docs/platforms/facebook.md, "Callbacks").
extension SandboxState {
    /// `GET /debug_token?input_token=…&access_token={app-id}|{app-secret}`; `expires_at` 0 = never.
    /// The asking app token is checked first: a wrong id or secret is 190 whatever is inspected
    /// (docs/platforms/facebook.md, "Checking app credentials").
    func facebookDebugToken(_ request: SandboxRequest) -> SandboxResponse {
        guard let asking = request.param("access_token"), let app = facebookApp(appToken: asking) else {
            return GraphError.response(code: 190, message: "Invalid OAuth access token signature.")
        }
        // An app token inspected: `type` APP, valid when it is this app's own pair.
        if let value = request.param("input_token"), value.contains("|") {
            guard let inspected = facebookApp(appToken: value), inspected.clientID == app.clientID else {
                return .object(["data": ["is_valid": false, "error": ["code": 190, "message": "Invalid OAuth access token signature."]]])
            }
            return .object(["data": ["app_id": app.clientID, "type": "APP", "application": app.name, "is_valid": true]])
        }
        guard let value = request.param("input_token"), let token = tokens[value], token.platform == .facebook,
            token.clientID == app.clientID
        else {
            return .object(["data": ["is_valid": false, "error": ["code": 190, "message": "Invalid OAuth access token."]]])
        }
        var data: [String: Any] = [
            "app_id": app.clientID, "type": token.pageID == nil ? "USER" : "PAGE", "application": app.name,
            "is_valid": !token.revoked && !token.isExpired(at: now), "scopes": token.scopes, "user_id": token.accountID,
            "issued_at": Int(token.issuedAt.timeIntervalSince1970),
            "expires_at": token.expiresAt.map { Int($0.timeIntervalSince1970) } ?? 0,
            "data_access_expires_at": Int(token.issuedAt.addingTimeInterval(90 * 86400).timeIntervalSince1970),
        ]
        if let page = token.pageID { data["profile_id"] = page }
        return .object(["data": data])
    }

    /// The Facebook app whose app token (`{app-id}|{app-secret}`) this is, the secret compared in constant time.
    private func facebookApp(appToken: String) -> RegisteredApp? {
        let parts = appToken.split(separator: "|", maxSplits: 1).map(String.init)
        guard parts.count == 2, let app = app(.facebook, clientID: parts[0]), let secret = app.clientSecret,
            PKCE.constantTimeEqual(secret, parts[1])
        else { return nil }
        return app
    }

    /// A `signed_request` as Meta posts it to deauthorize / data-deletion callbacks, signed with the
    /// app secret of the platform's registered app (`base64url(HMAC-SHA256(secret, payload)).payload`).
    func signedRequest(platform: Platform, clientID: String?, userID: String) -> SandboxResponse {
        guard let app = apps.first(where: { $0.platform == platform && (clientID == nil || $0.clientID == clientID) }),
            let secret = app.clientSecret
        else {
            return .object(.badRequest, ["error": "no registered \(platform.rawValue) app with a secret"])
        }
        let issued = Int(now.timeIntervalSince1970)
        let payload = Data(#"{"algorithm":"HMAC-SHA256","expires":\#(issued + 3600),"issued_at":\#(issued),"user_id":"\#(userID)"}"#.utf8)
            .base64URLEncoded
        let mac = HMAC<SHA256>.authenticationCode(for: Data(payload.utf8), using: SymmetricKey(data: Data(secret.utf8)))
        return .object(["signed_request": Data(mac).base64URLEncoded + "." + payload, "app_id": app.clientID])
    }
}
