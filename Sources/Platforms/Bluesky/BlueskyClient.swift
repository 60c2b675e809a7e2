import Foundation
import SocialCore

/// Who this service is to atproto authorization servers (docs/platforms/bluesky.md, "Client
/// metadata" and "Localhost clients"): a confidential web client whose `client_id` is the URL of
/// a metadata document it serves, or — for development on a loopback http base — the atproto
/// "localhost client", a public client whose `client_id` is `http://localhost?…`.
package struct BlueskyClient: Sendable {
    /// How the client is identified and authenticates.
    package enum Mode: Sendable {
        /// `private_key_jwt` with the deployment's key; metadata and JWKS served under `PUBLIC_BASE_URL`.
        case confidential(BlueskyClientKey)
        /// Public (`token_endpoint_auth_method` none): no document, no client assertion.
        case loopback
    }

    /// The scopes asked for: `atproto` plus the least granular permissions posting needs — create
    /// posts, upload image blobs, read the profile through the AppView — and nothing to read or
    /// delete (docs/platforms/bluesky.md, "Scopes"). `getSession` needs only `atproto`. The `#`
    /// of the service id is percent-encoded inside the scope string, as the permission syntax asks.
    package static let scopes = [
        "atproto", "repo:app.bsky.feed.post?action=create", "blob:image/*",
        "rpc:app.bsky.actor.getProfile?aud=did:web:api.bsky.app%23bsky_appview",
    ]

    package let mode: Mode
    /// `client_id`.
    package let clientID: String
    /// The one `redirect_uri`: `PUBLIC_BASE_URL/social/callback/bluesky/`.
    package let redirectURI: String
    /// `PUBLIC_BASE_URL`, the metadata's `client_uri`.
    package let baseURL: URL

    /// The client for this deployment, or nil when Bluesky cannot be offered: an https base
    /// without a key, or an http base that is not a loopback address (the localhost-client rules
    /// allow only 127.0.0.1 and [::1] redirects; docs/platforms/bluesky.md, "Localhost clients").
    package static func forDeployment(publicBaseURL: URL, key: BlueskyClientKey?) -> BlueskyClient? {
        guard var components = URLComponents(url: publicBaseURL, resolvingAgainstBaseURL: false), let host = components.host?.lowercased(),
            !host.isEmpty, components.user == nil, components.password == nil
        else { return nil }
        components.path = ""
        components.query = nil
        components.fragment = nil
        guard let base = components.url else { return nil }
        let root = base.absoluteString
        switch components.scheme?.lowercased() {
        case "https":
            guard let key else { return nil }
            return BlueskyClient(
                mode: .confidential(key), clientID: root + "/social/bluesky/client-metadata.json",
                redirectURI: root + "/social/callback/bluesky/", baseURL: base)
        case "http":
            guard host == "127.0.0.1" || host == "[::1]" || host == "::1" else { return nil }
            let redirect = root + "/social/callback/bluesky/"
            let clientID =
                "http://localhost?" + FormEncoding.encode([("redirect_uri", redirect), ("scope", scopes.joined(separator: " "))])
            return BlueskyClient(mode: .loopback, clientID: clientID, redirectURI: redirect, baseURL: base)
        default:
            return nil
        }
    }

    /// The URL of the JWKS document (confidential mode).
    package var jwksURI: String { baseURL.absoluteString + "/social/bluesky/jwks.json" }

    /// The client-metadata document served at `client_id`; nil for the loopback client, which has
    /// none (its metadata is implied by the `client_id`).
    package func metadataDocument(clientName: String) -> Data? {
        guard case .confidential = mode else { return nil }
        let document: [String: Any] = [
            "client_id": clientID, "client_name": clientName, "client_uri": baseURL.absoluteString, "application_type": "web",
            "grant_types": ["authorization_code", "refresh_token"], "response_types": ["code"], "redirect_uris": [redirectURI],
            "scope": Self.scopes.joined(separator: " "), "token_endpoint_auth_method": "private_key_jwt",
            "token_endpoint_auth_signing_alg": "ES256", "dpop_bound_access_tokens": true, "jwks_uri": jwksURI,
        ]
        return try? JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .withoutEscapingSlashes])
    }

    /// `{"keys": [public JWK]}`; nil for the loopback client.
    package func jwksDocument() -> Data? {
        guard case .confidential(let key) = mode else { return nil }
        return try? JSONSerialization.data(withJSONObject: ["keys": [key.publicJWK]], options: [.sortedKeys, .withoutEscapingSlashes])
    }

    /// The client's form fields for a PAR, token or revocation call to `issuer`: `client_id`, and in
    /// confidential mode a fresh assertion (RFC 7523; `iss` = `sub` = client id, `aud` = issuer,
    /// valid one minute, unique `jti`; docs/platforms/bluesky.md, "OAuth").
    func authenticationFields(issuer: String, now: Date) -> [(String, String)]? {
        switch mode {
        case .loopback:
            return [("client_id", clientID)]
        case .confidential(let key):
            let issuedAt = Int(now.timeIntervalSince1970)
            guard
                let assertion = BlueskyJOSE.sign(
                    header: ["alg": "ES256", "kid": key.keyID, "typ": "JWT"],
                    claims: ["iss": clientID, "sub": clientID, "aud": issuer, "iat": issuedAt, "exp": issuedAt + 60, "jti": BlueskyJOSE.randomID()],
                    key: key.privateKey)
            else { return nil }
            return [
                ("client_id", clientID), ("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"),
                ("client_assertion", assertion),
            ]
        }
    }

    /// Whether this is the confidential client.
    package var isConfidential: Bool {
        if case .confidential = mode { true } else { false }
    }
}
