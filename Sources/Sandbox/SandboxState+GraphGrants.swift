import Foundation

/// The token steps Facebook Login, Instagram Login and Threads share (docs/platforms/facebook.md,
/// "Tokens"; instagram.md and threads.md, "Tokens"): redeeming an authorization code with Graph's
/// errors, and turning a short-lived token into a long-lived one or refreshing that.
extension SandboxState {
    /// The unused, unexpired code `value` issued to `clientID` for `platform` with this
    /// `redirectURI`, now spent; or the Graph error the platform answers.
    func redeemGraphCode(_ value: String?, redirectURI: String?, platform: Platform, clientID: String) -> Result<AuthorizationCode, GraphFailure> {
        guard let value, var code = codes[value], code.platform == platform, code.clientID == clientID else {
            return .failure(GraphFailure(GraphError.response(code: 100, message: "Invalid verification code format.")))
        }
        guard redirectURI == code.redirectURI else {
            return .failure(
                GraphFailure(
                    GraphError.response(
                        code: 100, subcode: 36008,
                        message:
                            "Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request"
                    )))
        }
        guard !code.used else {
            return .failure(GraphFailure(GraphError.response(code: 100, subcode: 36009, message: "This authorization code has been used.")))
        }
        guard now < code.expiresAt else {
            return .failure(GraphFailure(GraphError.response(code: 100, subcode: 36007, message: "This authorization code has expired.")))
        }
        code.used = true
        codes[value] = code
        return .success(code)
    }

    /// The exchange grant (a short-lived token and the app secret) or the refresh grant (a
    /// long-lived token at least 24 h old, holding `refreshScope` when given), both answering a
    /// 60-day long-lived token with `prefix`.
    func longLivedGrant(
        _ request: SandboxRequest, platform: Platform, grant: String, refresh: Bool, prefix: String, refreshScope: String? = nil
    ) -> SandboxResponse {
        guard request.method == .get else { return GraphError.unknownPath }
        guard request.param("grant_type") == grant else { return GraphError.invalidParameter("Missing or invalid grant_type") }
        let old: IssuedToken
        switch graphToken(request, platform: platform) {
        case .failure(let failure): return failure.response
        case .success(let found): old = found
        }
        if refresh {
            guard old.kind == .longLivedUser else { return GraphError.response(code: 190, message: "Only long-lived tokens can be refreshed.") }
            guard now.timeIntervalSince(old.issuedAt) >= 86400 else {
                return GraphError.response(code: 190, message: "The access token can only be refreshed after it is at least 24 hours old.")
            }
            if let refreshScope, !old.scopes.contains(refreshScope) { return GraphError.permission("\(refreshScope) is required") }
        } else {
            guard old.kind == .shortLivedUser else { return GraphError.invalidParameter("Only a short-lived token can be exchanged") }
            guard let secret = request.param("client_secret"), let expected = app(platform, clientID: old.clientID)?.clientSecret,
                PKCE.constantTimeEqual(expected, secret)
            else {
                return GraphError.response(code: 1, message: "Error validating client secret.")
            }
        }
        let token = issueToken(
            platform, kind: .longLivedUser, prefix: prefix, clientID: old.clientID, accountID: old.accountID, scopes: old.scopes, lifetime: 5_183_944)
        return .object(["access_token": token.value, "token_type": "bearer", "expires_in": 5_183_944])
    }
}
