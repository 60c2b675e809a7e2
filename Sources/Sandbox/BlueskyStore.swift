import Crypto
import Foundation

/// Everything the Bluesky emulator remembers between requests (reset with the rest of the sandbox).
struct BlueskyStore: Sendable {
    /// Pushed authorization requests by `request_uri`.
    var pushed: [String: BlueskyPushedRequest] = [:]
    /// Sessions (one per app-password login or OAuth grant) by id; their tokens live in `SandboxState.tokens`.
    var sessions: [String: BlueskySession] = [:]
    /// Uploaded blobs by CID.
    var blobs: [String: BlueskyBlob] = [:]
    /// Created records by `at://` URI, with their CID and JSON.
    var records: [String: BlueskyStoredRecord] = [:]
    /// `jti` values seen (DPoP proofs and client assertions, per issuer) and when, for replay refusal.
    var seenJTIs: [String: Date] = [:]
    /// DPoP nonces handed out per host, with their issue time.
    var nonces: [String: [String: Date]] = [:]
    /// Key that signs the sandbox's own token JWTs (clients must treat them as opaque).
    var tokenKey = SymmetricKey(size: .bits256)
    /// Fetch addresses for client-metadata origins: `https://origin` → `http://127.0.0.1:port`
    /// (NOTES.md "Bluesky", "Client metadata fetch").
    var clientOrigins: [String: String] = [:]
}

/// A PAR request waiting for the person's consent (`request_uri` valid 5 min, single use).
struct BlueskyPushedRequest: Sendable {
    var clientID: String
    var issuerHost: String
    var redirectURI: String
    var scopes: [String]
    var state: String
    var codeChallenge: String
    var dpopJKT: String
    var loginHint: String?
    var responseMode: String
    var expiresAt: Date
    var used = false
}

/// A login: app-password session or OAuth grant.
struct BlueskySession: Sendable {
    enum Kind: String, Sendable { case appPassword, oauth }
    var id: String
    var kind: Kind
    var did: String
    var clientID: String
    var scopes: [String]
    /// OAuth: the DPoP key thumbprint every token of the session is bound to.
    var dpopJKT: String?
    var createdAt: Date
    /// OAuth: the session's hard end (2 years for confidential clients, 2 weeks for public ones).
    var endsAt: Date?
    var revoked = false
    /// OAuth: granted to a public client (the localhost development client), with the shorter lifetimes.
    var publicClient = false
}

/// An uploaded blob: its owner, the MIME type the PDS stored and the size.
struct BlueskyBlob: Sendable {
    var cid: String
    var did: String
    var mimeType: String
    var size: Int
    var uploadedAt: Date
}

/// A record in a repository.
struct BlueskyStoredRecord: Sendable {
    var uri: String
    var cid: String
    var did: String
    var json: Data
}
