import Foundation
import SocialCore

/// Bluesky client (docs/platforms/bluesky.md): atproto OAuth — discovery from a handle, PAR,
/// PKCE S256, DPoP-bound tokens with server nonces, `private_key_jwt` — or, as a second explicit
/// option, an app-password session; posts with link facets and a card built here.
///
/// Every account lives on a PDS and signs in at an authorization server that its own identity
/// names, so hosts come from what a person typed: all but the fixed Bluesky hosts are reached as
/// `.untrusted` destinations (address checks, https), with small body limits.
package struct BlueskyPlatform: SocialPlatform {
    package let client: BlueskyClient
    package let transport: any PlatformTransport
    /// `client_name` of the metadata document.
    package let clientName: String
    /// Loads the card's image for the thumbnail blob; nil = cards without images.
    package let images: (any ShareImageLoader)?
    /// Per-call timeout.
    package let timeout: Duration
    /// The entryway asked to resolve handles whose own host does not answer.
    package let entryway: URL
    let nonces: BlueskyNonceCache

    package var name: PlatformName { .bluesky }
    /// PKCE S256 is required by every atproto authorization server (docs/platforms/bluesky.md, "OAuth").
    package var usesPKCE: Bool { true }
    package var requestedScopes: [String] { BlueskyClient.scopes }

    package init(
        client: BlueskyClient, transport: any PlatformTransport, clientName: String = "Rose Ash", images: (any ShareImageLoader)? = nil,
        timeout: Duration = .seconds(15), entryway: URL = URL(string: "https://bsky.social")!
    ) {
        self.client = client
        self.transport = transport
        self.clientName = clientName
        self.images = images
        self.timeout = timeout
        self.entryway = entryway
        self.nonces = BlueskyNonceCache()
    }

    /// Nothing at anyone's server is asked: atproto has no app registration to check, each
    /// authorization server fetches the metadata document itself. What can be checked here is
    /// that the key parsed (it did, or this client would not exist) — which says nothing about
    /// whether a server will accept it, so the answer is `.notNeeded`, with what was checked
    /// (docs/platforms/bluesky.md, "Checking app credentials").
    package func checkAppCredentials() async -> AppCredentialCheck {
        switch client.mode {
        case .loopback:
            return .notNeeded(
                "Bluesky runs as a development (localhost) client here: there is no app or key to check; authorization servers accept it as is.")
        case .confidential(let key):
            return .notNeeded(
                "Bluesky has no app registration: each server reads \(client.clientID) when someone connects. The signing key "
                    + "(SOCIAL_BLUESKY_CLIENT_KEY, kid \(key.keyID)) is valid; serve that document and \(client.jwksURI) publicly.")
        }
    }

    /// A PKCE verifier for `ConnectRequest.codeVerifier`: required here, and the seed of the
    /// authorization's DPoP key (`BlueskyDPoPKey`).
    package static func makeCodeVerifier() -> String { PKCE.makeVerifier() }

    package func textRules(for credentials: StoredCredentials?) async -> TextRules { .bluesky }

    /// The message (or, without one, the title), a space, the link — in full: Bluesky does not
    /// shorten links and counts them like any text (docs/platforms/bluesky.md, "Limits").
    package func postText(for content: ShareContent) -> String {
        let message = content.message?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let lead = message.isEmpty ? content.title.trimmingCharacters(in: .whitespacesAndNewlines) : message
        return lead.isEmpty ? content.url : lead + " " + content.url
    }
}
