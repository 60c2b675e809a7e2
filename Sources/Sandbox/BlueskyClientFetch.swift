import Foundation

/// The outcome of fetching a Bluesky OAuth client's metadata document (and its `jwks_uri`).
enum BlueskyClientFetch: Sendable {
    /// Documents as served; `jwks` is nil when the metadata embeds `jwks` or names none.
    case fetched(metadata: Data, jwks: Data?)
    /// Why the document could not be had (shown to the client; names no secret).
    case failed(String)
}

/// A client whose metadata document passed every check (docs/platforms/bluesky.md, "Client metadata").
struct BlueskyClient: Sendable {
    var id: String
    var redirectURIs: [String]
    var scopes: [String]
    var keys: [[String: any Sendable]]
}

/// A refusal travels as the `Result` failure of the Bluesky checks, so the answer can be returned as is.
extension SandboxResponse: Error {}
