import Foundation

/// The outcome of fetching a Bluesky OAuth client's metadata document (and its `jwks_uri`).
enum BlueskyClientFetch: Sendable {
    /// Documents as served; `jwks` is nil when the metadata embeds `jwks` or names none.
    case fetched(metadata: Data, jwks: Data?)
    /// Why the document could not be had (shown to the client; names no secret).
    case failed(String)
}

/// A client whose metadata passed every check: a fetched document (docs/platforms/bluesky.md, "Client
/// metadata") or the metadata made up for a localhost development client ("Localhost clients").
struct BlueskyClient: Sendable {
    /// The two kinds the sandbox accepts.
    enum Kind: Sendable {
        /// A web client with a fetched metadata document that authenticates with `private_key_jwt`.
        case confidentialWeb
        /// The `http://localhost` client: public (`token_endpoint_auth_method: none`), `application_type: native`.
        case localhostDevelopment
    }

    var id: String
    var kind: Kind
    var redirectURIs: [String]
    var scopes: [String]
    /// The client's signing keys; none for a public client.
    var keys: [[String: any Sendable]]

    /// Whether `uri`, sent at PAR, is one of the client's redirect URIs. Exact match, except that a loopback
    /// URI of a localhost client matches with any port (RFC 8252 §7.3; docs/platforms/bluesky.md, "Localhost clients").
    func allowsRedirect(_ uri: String) -> Bool {
        if redirectURIs.contains(uri) { return true }
        guard kind == .localhostDevelopment, let requested = BlueskyLoopbackRedirect(uri) else { return false }
        return redirectURIs.contains { BlueskyLoopbackRedirect($0)?.matches(requested) == true }
    }
}

/// A refusal travels as the `Result` failure of the Bluesky checks, so the answer can be returned as is.
extension SandboxResponse: Error {}
