import ArgumentParser
import Platforms

/// `social-service bluesky-key`: prints a new ES256 signing key for `SOCIAL_BLUESKY_CLIENT_KEY`, the
/// key a deployment's Bluesky client signs its client assertions with. Its public half is served
/// at `PUBLIC_BASE_URL/social/bluesky/jwks.json`.
struct BlueskyKeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bluesky-key",
        abstract: "Print a new signing key for SOCIAL_BLUESKY_CLIENT_KEY (Bluesky's OAuth client).",
        discussion: """
            Keep it secret, like SOCIAL_ENCRYPTION_KEY. Replacing it takes effect at the next start: \
            Bluesky's servers read the new public key from /social/bluesky/jwks.json, and connected accounts \
            keep working (each connection has its own DPoP key).
            """
    )

    func run() {
        let key = BlueskyClientKey.generate()
        print("SOCIAL_BLUESKY_CLIENT_KEY=\(key.encoded)")
        print("# key id (kid): \(key.keyID)")
    }
}
