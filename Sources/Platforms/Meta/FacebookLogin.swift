import Foundation
import SocialCore

/// The Facebook Login steps shared by Facebook Pages and Instagram via Facebook Login
/// (docs/platforms/instagram.md, "Facebook Login"): code → short-lived user token → long-lived user token,
/// then the granted permissions checked against what the platform needs.
package struct FacebookLogin: Sendable {
    /// What the login produced.
    package struct Session: Sendable {
        /// Long-lived (~60 d) user token. Secret.
        package var userToken: String
        /// When the user token expires, if Meta said.
        package var expiresAt: Date?
        /// Permissions the person granted.
        package var grantedScopes: [String]
        /// The person's app-scoped id.
        package var userID: String?
    }

    /// App id and secret.
    package var app: MetaAppCredentials
    /// Hosts, version, scopes.
    package var declaration: MetaLoginDeclaration
    /// The Graph request path.
    package var graph: MetaGraphClient

    /// Runs the exchange for `code` and checks the permissions.
    package func session(code: String, redirectURI: String, now: Date) async throws(PlatformError) -> Session {
        do {
            // GET with client_secret as a query parameter (docs/platforms/facebook.md, "Tokens").
            let short = try await graph.get(
                "oauth/access_token",
                query: [
                    ("client_id", app.appID), ("redirect_uri", redirectURI), ("client_secret", app.appSecret), ("code", code),
                ], as: MetaGraphResponses.Token.self
            ).value
            // Short-lived tokens last an hour or two; always exchange for the ~60-day token
            // (docs/platforms/facebook.md, "Tokens").
            let long = try await graph.get(
                "oauth/access_token",
                query: [
                    ("grant_type", "fb_exchange_token"), ("client_id", app.appID), ("client_secret", app.appSecret),
                    ("fb_exchange_token", short.accessToken),
                ], as: MetaGraphResponses.Token.self
            ).value
            // Granted permissions: `debug_token` lists them with the app token (docs/platforms/facebook.md,
            // "Tokens"); a person may untick any permission in the dialog.
            let debug = try await graph.get(
                "debug_token",
                query: [
                    ("input_token", long.accessToken), ("access_token", "\(app.appID)|\(app.appSecret)"),
                ], as: MetaGraphResponses.DebugToken.self
            ).value.data
            let granted = debug.scopes ?? []
            let missing = declaration.requiredScopes.filter { !granted.contains($0) }
            guard missing.isEmpty else {
                throw PlatformError(
                    .permissionMissing, declaration.platform,
                    "\(declaration.platform.displayName) was connected without the permission\(missing.count == 1 ? "" : "s") "
                        + "\(missing.joined(separator: ", ")), which the service needs to post. Connect again and allow "
                        + (missing.count == 1 ? "it." : "them."))
            }
            return Session(
                userToken: long.accessToken, expiresAt: long.expiresIn.flatMap { SafeDate.adding(seconds: $0, to: now) },
                grantedScopes: granted, userID: debug.userID?.value)
        } catch let error as MetaGraphError {
            throw error.platformError
        } catch let error as PlatformError {
            throw error
        } catch {
            throw PlatformError(.unexpectedResponse, declaration.platform, "Unexpected failure during the token exchange.")
        }
    }
}
