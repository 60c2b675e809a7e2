import Foundation

/// Whether Graph accepts a Meta app's id and secret, asked without any person's token
/// (docs/platforms/facebook.md and docs/platforms/threads.md, "Checking app credentials").
extension MetaGraphClient {
    /// Facebook's app (also Instagram's): `GET /debug_token` with the app token `{app-id}|{app-secret}`
    /// as both the token inspected and the token asking, in the query as Meta documents it. A
    /// wrong secret or id fails the asking token (code 190, or 101 for an unknown app); a right
    /// pair answers `is_valid: true` for this app id.
    package func checkAppToken(_ app: MetaAppCredentials) async -> AppCredentialCheck {
        let appToken = "\(app.appID)|\(app.appSecret)"
        do throws(MetaGraphError) {
            let data = try await get(
                "debug_token", query: [("input_token", appToken)], token: appToken, placement: .query, as: MetaGraphResponses.DebugToken.self
            ).value.data
            if data.isValid == false {
                return AppCredentialCheck.refusal(platform, "Meta says the app's token is not valid; the app may be disabled or restricted")
            }
            guard data.isValid == true, data.appID?.value == app.appID else {
                return .unknown("\(platform.displayName)'s token check answered without confirming this app id, which this check cannot read.")
            }
            return .accepted
        } catch {
            return appCheck(error, refusedCodes: [101, 190], acceptedCodes: [], secret: app.appSecret)
        }
    }

    /// Threads' app: the code exchange (`POST /oauth/access_token`, form body) with a code Meta never
    /// issued (the same code and redirect URI as `OAuthProvider.checkCredentials`). Graph checks the app before the code: an unknown id is 101, a wrong secret 1, and a
    /// right pair reaches the code and is refused with 100.
    package func checkCodeExchange(_ app: MetaAppCredentials) async -> AppCredentialCheck {
        do throws(MetaGraphError) {
            _ = try await post(
                "oauth/access_token", versioned: false,
                form: [
                    ("client_id", app.appID), ("client_secret", app.appSecret), ("code", OAuthProvider.probeCode),
                    ("grant_type", "authorization_code"), ("redirect_uri", OAuthProvider.probeRedirectURI),
                ], as: MetaGraphResponses.Token.self)
            return .unknown("\(platform.displayName) answered a code it never issued with a token, which says nothing about the app's credentials.")
        } catch {
            return appCheck(error, refusedCodes: [101], acceptedCodes: [100], secret: app.appSecret)
        }
    }

    /// What a Graph error says about the app's credentials. Server trouble (5xx, `is_transient`)
    /// and no answer are unknown; code 1 ("Error validating client secret") counts as a refusal
    /// only on a 4xx that is not marked transient, because Graph also uses code 1 for its own
    /// passing failures (docs/platforms/facebook.md, "Errors").
    private func appCheck(_ error: MetaGraphError, refusedCodes: Set<Int>, acceptedCodes: Set<Int>, secret: String) -> AppCredentialCheck {
        let name = platform.displayName
        switch error.kind {
        case .transport(let timedOut, _):
            return .unknown("\(name) did not answer the app-credential check\(timedOut ? " in time" : " (connection failed)"); try again later.")
        case .unreadable:
            return .unknown(
                "\(name) answered the app-credential check with something unreadable\(error.status.map { " (HTTP \($0))" } ?? ""); try again later.")
        case .api(let code, _, let message, let userMessage, let isTransient):
            let status = error.status ?? 0
            let said = AppCredentialCheck.platformText(userMessage ?? message, hiding: secret).map { ": \($0)" } ?? ""
            if status >= 500 || isTransient || error.isRateLimit {
                return .unknown("\(name) could not check the app's credentials now (Graph error \(code), HTTP \(status)); try again later.")
            }
            if acceptedCodes.contains(code) { return .accepted }
            if refusedCodes.contains(code) || (code == 1 && (400..<500).contains(status)) {
                return AppCredentialCheck.refusal(platform, "Graph error \(code)\(said)")
            }
            return .unknown("\(name) answered the app-credential check with Graph error \(code)\(said), which this check cannot read.")
        }
    }
}
