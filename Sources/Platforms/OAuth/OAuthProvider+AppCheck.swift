import Foundation

/// Asking a token endpoint whether it accepts the app's credentials, without any person's token:
/// an authorization-code grant for a code no platform issued. RFC 6749 §4.1.3 has the server
/// authenticate the client before it looks at the code, so a wrong id or secret is refused with
/// `invalid_client` and a right one gets as far as refusing the code (`invalid_grant`, or X's
/// `invalid_request`). What each platform answers is in its page under "Checking app credentials"
/// (docs/platforms/twitter.md, docs/platforms/linkedin.md).
extension OAuthProvider {
    /// The code the check sends. Platforms issue long random codes, never this text.
    package static let probeCode = "app-credential-check-not-an-issued-code"
    /// The redirect URI the check sends: any well-formed URI does, because the code is refused
    /// first; `.invalid` names no real host (RFC 2606).
    package static let probeRedirectURI = "https://app-credential-check.invalid/callback"

    /// Sends the check through `requester` and reads the answer. Never throws.
    package func checkCredentials(
        clientID: String, clientSecret: String?, platform: PlatformName, using requester: PlatformRequester
    ) async -> AppCredentialCheck {
        var grant = [("grant_type", "authorization_code"), ("code", Self.probeCode), ("redirect_uri", Self.probeRedirectURI)]
        // A fresh verifier keeps the request complete where PKCE is required (X).
        if usesPKCE { grant.append(("code_verifier", PKCE.makeVerifier())) }
        do throws(TransportError) {
            let response = try await requester.sendRaw(tokenRequest(grant, clientID: clientID, clientSecret: clientSecret))
            return Self.appCheck(response, platform: platform, secret: clientSecret)
        } catch {
            return .unknown("\(platform.displayName) could not be asked about the app's credentials: \(error.description).")
        }
    }

    /// What a token endpoint's answer to the check says about the app's credentials.
    package static func appCheck(_ response: PlatformHTTPResponse, platform: PlatformName, secret: String?) -> AppCredentialCheck {
        let name = platform.displayName
        if response.status >= 500 {
            return .unknown("\(name) had a server error (HTTP \(response.status)) while checking the app's credentials; try again later.")
        }
        if response.status == 429 {
            return .unknown("\(name) is rate limiting token requests, so the app's credentials could not be checked; try again later.")
        }
        if (200..<300).contains(response.status) {
            return .unknown("\(name) answered a code it never issued with HTTP \(response.status), which says nothing about the app's credentials.")
        }
        // Only compared with known identifiers and shown when it is one: it comes from outside.
        let code = response.decode(OAuthErrorResponse.self)?.error ?? ""
        switch code {
        case "invalid_client":
            return refusal(platform, "invalid_client", response: response, secret: secret)
        case "unauthorized_client":
            return .refused(
                "\(name) knows the app but does not let it use the authorization-code grant (unauthorized_client); check the app's "
                    + "OAuth settings in \(name)'s developer portal.")
        case "invalid_grant" where response.status == 400, "invalid_request" where response.status == 400:
            return .accepted
        default:
            if response.status == 401 { return refusal(platform, "HTTP 401", response: response, secret: secret) }
            let shown =
                code.isEmpty
                ? "" : " (\(code.count <= 40 && code.allSatisfy { $0.isASCII && ($0.isLetter || $0 == "_") } ? code : "an unknown error"))"
            return .unknown("\(name) answered the app-credential check with HTTP \(response.status)\(shown), which this check cannot read.")
        }
    }

    /// The refusal naming what the platform said (its description, free of the secret) and the settings.
    private static func refusal(_ platform: PlatformName, _ what: String, response: PlatformHTTPResponse, secret: String?) -> AppCredentialCheck {
        let said = AppCredentialCheck.platformText(response.decode(OAuthErrorResponse.self)?.errorDescription, hiding: secret)
        return AppCredentialCheck.refusal(platform, said.map { "\(what): \($0)" } ?? what)
    }
}
