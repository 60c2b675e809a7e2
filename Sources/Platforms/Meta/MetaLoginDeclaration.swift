import Foundation

/// What distinguishes one Meta login from another, as data: where the consent window lives, where
/// tokens come from, the scopes and how they are joined, how the app authenticates, and how post
/// text is counted. Behaviour is written only where a platform differs.
package struct MetaLoginDeclaration: Sendable, Equatable {
    /// How the app proves itself at the code-exchange endpoint (docs/platforms/facebook.md and
    /// docs/platforms/threads.md, "Tokens").
    package enum ClientAuthentication: Sendable, Equatable {
        /// `client_secret` as a query parameter of a GET (docs/platforms/facebook.md, "Tokens").
        case secretInQuery
        /// `client_secret` in a form body with `grant_type=authorization_code` (docs/platforms/threads.md,
        /// "Tokens").
        case secretInFormBody
    }

    /// The platform this declaration describes.
    package var platform: PlatformName
    /// Host of the consent window, e.g. `https://www.facebook.com`.
    package var authorizeHost: URL
    /// Whether the consent path carries the Graph version (`/{version}/dialog/oauth`,
    /// docs/platforms/facebook.md, "Consent").
    package var authorizePathIsVersioned: Bool
    /// The consent path below the host (and version).
    package var authorizePath: String
    /// Graph host for tokens and API calls.
    package var graphHost: URL
    /// Graph version in every API path (`v26.0` Facebook, `v1.0` Threads).
    package var graphVersion: String
    /// Scopes requested at consent.
    package var scopes: [String]
    /// Scopes without which the service cannot post: a declined one fails the connect.
    package var requiredScopes: [String]
    /// Meta joins scopes with commas (docs/platforms/facebook.md and docs/platforms/threads.md, "Consent").
    package var scopeSeparator: String
    /// How the app authenticates when exchanging a code.
    package var clientAuthentication: ClientAuthentication
    /// How post text is counted and limited.
    package var textRules: TextRules

    /// Facebook Pages (docs/platforms/facebook.md); Graph version is a setting, default `v26.0`
    /// (docs/platforms/api-versions.md).
    package static func facebook(graphVersion: String = "v26.0") -> MetaLoginDeclaration {
        MetaLoginDeclaration(
            platform: .facebook, authorizeHost: URL(string: "https://www.facebook.com")!, authorizePathIsVersioned: true,
            authorizePath: "dialog/oauth", graphHost: URL(string: "https://graph.facebook.com")!, graphVersion: graphVersion,
            scopes: ["pages_show_list", "pages_manage_posts", "pages_read_engagement"],
            requiredScopes: ["pages_show_list", "pages_manage_posts", "pages_read_engagement"],
            scopeSeparator: ",", clientAuthentication: .secretInQuery, textRules: .facebook)
    }

    /// Instagram API with Facebook Login (docs/platforms/instagram.md, "Facebook Login"): the Facebook dialog
    /// and Graph host with Instagram scopes.
    package static func instagram(graphVersion: String = "v26.0") -> MetaLoginDeclaration {
        var declaration = facebook(graphVersion: graphVersion)
        declaration.platform = .instagram
        declaration.scopes = ["instagram_basic", "instagram_content_publish", "pages_show_list", "pages_read_engagement"]
        declaration.requiredScopes = ["instagram_basic", "instagram_content_publish", "pages_show_list"]
        declaration.textRules = .instagram
        return declaration
    }

    /// Threads (docs/platforms/threads.md, "Hosts and app"): own window on `threads.com` (host moved from
    /// threads.net — a setting), tokens and API on `graph.threads.com` (or `.net`, both documented), API
    /// version `v1.0`.
    package static func threads(
        authorizeHost: URL = URL(string: "https://threads.com")!, graphHost: URL = URL(string: "https://graph.threads.com")!,
        graphVersion: String = "v1.0"
    ) -> MetaLoginDeclaration {
        MetaLoginDeclaration(
            platform: .threads, authorizeHost: authorizeHost, authorizePathIsVersioned: false, authorizePath: "oauth/authorize",
            graphHost: graphHost, graphVersion: graphVersion, scopes: ["threads_basic", "threads_content_publish"],
            requiredScopes: ["threads_basic", "threads_content_publish"], scopeSeparator: ",",
            clientAuthentication: .secretInFormBody, textRules: .threads)
    }

    /// The consent URL for `app` and `request`.
    package func authorizeURL(appID: String, for request: ConnectRequest) -> URL {
        let path = (authorizePathIsVersioned ? "\(graphVersion)/" : "") + authorizePath
        return FormEncoding.url(
            authorizeHost.appendingPathComponent(path),
            [
                ("client_id", appID), ("redirect_uri", request.redirectURI), ("state", request.state),
                ("response_type", "code"), ("scope", scopes.joined(separator: scopeSeparator)),
            ])
    }
}
