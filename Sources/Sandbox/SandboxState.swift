import Crypto
import Foundation

/// All sandbox state: apps, codes, tokens, posts, failures, the clock. One actor, so every
/// platform handler runs atomically (codes are single-use even under concurrent requests).
public actor SandboxState {
    let configuration: SandboxConfiguration
    var apps: [RegisteredApp] = []
    var codes: [String: AuthorizationCode] = [:]
    var tokens: [String: IssuedToken] = [:]
    var posts: [SandboxPost] = []
    var requests: [RecordedRequest] = []
    var failures: [FailureRule] = []
    var containers: [String: MediaContainer] = [:]
    var clockOffset: TimeInterval = 0
    var mastodonMaxCharacters: [String: Int] = [:]
    /// Server software chosen per instance host through the inspection API (else `MastodonSoftware.forHost`).
    var mastodonSoftware: [String: MastodonSoftware] = [:]
    /// Pleroma/Akkoma idempotency cache: "host raw-key" → (whole response, stored at) (docs/platforms/mastodon-servers.md).
    var globalIdempotency: [String: (response: SandboxResponse, at: Date)] = [:]
    /// Mastodon `Idempotency-Key` replay: key → (status id, stored at).
    var idempotency: [String: (id: String, at: Date)] = [:]
    var rateWindows: [String: RateWindow] = [:]
    /// LinkedIn Images API uploads by image URN (docs/platforms/linkedin-images.md).
    var linkedinImages: [String: LinkedInImage] = [:]
    /// LinkedIn programmatic refresh tokens (approved MDP partners only; off by default — docs/platforms/linkedin.md, "Refresh").
    var linkedinRefreshEnabled = false
    /// Instagram Login code exchange answers flat instead of the documented wrapped form (docs/platforms/instagram.md, "Instagram Login").
    var instagramFlatTokenResponse = false
    /// Bluesky entryway, PDSes and authorization servers (docs/platforms/bluesky.md).
    var bluesky = BlueskyStore()
    var sequence: UInt64 = 0

    /// Creates state holding the configuration's apps.
    public init(configuration: SandboxConfiguration) {
        self.configuration = configuration
        self.apps = configuration.apps
        self.mastodonMaxCharacters = configuration.mastodonMaxCharacters
        self.bluesky = BlueskyStore(clientOrigins: configuration.blueskyClientOrigins)
    }

    func resetStorage() {
        apps = configuration.apps
        codes = [:]
        tokens = [:]
        posts = []
        requests = []
        failures = []
        containers = [:]
        clockOffset = 0
        mastodonMaxCharacters = configuration.mastodonMaxCharacters
        idempotency = [:]
        mastodonSoftware = [:]
        globalIdempotency = [:]
        rateWindows = [:]
        linkedinImages = [:]
        linkedinRefreshEnabled = false
        instagramFlatTokenResponse = false
        bluesky = BlueskyStore(clientOrigins: configuration.blueskyClientOrigins)
        sequence = 0
    }

    /// Current time on the sandbox clock (wall clock plus the offset tests added).
    var now: Date { Date().addingTimeInterval(clockOffset) }

    /// A fresh numeric id with the given prefix digits, unique within this sandbox.
    func newNumericID(prefix: String) -> String {
        sequence += 1
        return prefix + String(format: "%09llu", sequence)
    }

    /// A random URL-safe secret (tokens, codes, client credentials).
    func randomSecret(prefix: String = "", bytes: Int = 24) -> String {
        var generator = SystemRandomNumberGenerator()
        let raw = (0..<bytes).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return prefix + Data(raw).base64URLEncoded
    }

    /// Finds a registered app.
    func app(_ platform: Platform, clientID: String, instance: String? = nil) -> RegisteredApp? {
        apps.first { $0.platform == platform && $0.clientID == clientID && $0.instance == instance }
    }

    /// Stores and returns a new token.
    @discardableResult
    func issueToken(
        _ platform: Platform, kind: IssuedToken.Kind, prefix: String, instance: String? = nil, clientID: String,
        accountID: String, scopes: [String], lifetime: TimeInterval?, pageID: String? = nil
    ) -> IssuedToken {
        let issued = now
        let token = IssuedToken(
            value: randomSecret(prefix: prefix), platform: platform, kind: kind, instance: instance,
            clientID: clientID, accountID: accountID, scopes: scopes, issuedAt: issued,
            expiresAt: lifetime.map { issued.addingTimeInterval($0) }, pageID: pageID)
        tokens[token.value] = token
        return token
    }

    /// Stores and returns a new authorization code.
    func issueCode(_ code: AuthorizationCode) -> AuthorizationCode {
        codes[code.value] = code
        return code
    }

    /// Records an accepted post.
    func record(_ post: SandboxPost) { posts.append(post) }
}

extension Data {
    /// Base64url without padding (RFC 4648 §5).
    var base64URLEncoded: String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
