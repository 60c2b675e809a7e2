import Foundation
import Testing

@testable import Platforms

/// A platform that only counts how often it was built.
private struct StubPlatform: SocialPlatform {
    let name: PlatformName
    var usesPKCE: Bool { false }
    var requestedScopes: [String] { [] }
    func checkAppCredentials() async -> AppCredentialCheck { .notNeeded("a stub") }
    func authorizeURL(for request: ConnectRequest) async throws(PlatformError) -> URL { URL(string: "https://example.com")! }
    func exchangeCode(_ code: String, for request: ConnectRequest) async throws(PlatformError) -> [OAuthResult] { [] }
    func refresh(_ credentials: StoredCredentials) async throws(PlatformError) -> OAuthResult {
        throw PlatformError(.refreshNotSupported, name, "no")
    }
    func share(_ content: ShareContent, using credentials: StoredCredentials) async -> ShareResult { .failed(.transient, "no") }
    func verify(_ credentials: StoredCredentials) async throws(PlatformError) -> Bool { true }
    func revoke(_ credentials: StoredCredentials) async throws(PlatformError) {}
    func textRules(for credentials: StoredCredentials?) async -> TextRules { .twitter }
    func postText(for content: ShareContent) -> String { content.url }
}

private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func increment() { lock.lock(); value += 1; lock.unlock() }
    var count: Int { lock.lock(); defer { lock.unlock() }; return value }
}

@Suite struct PlatformRegistryTests {
    @Test func platformsAreBuiltLazilyOnceAndUnavailableOnesSayWhatTheyNeed() {
        let builds = Counter()
        let registry = PlatformRegistry([
            .mastodon: .available {
                builds.increment(); return StubPlatform(name: .mastodon)
            },
            .twitter: .unavailable(needs: "SOCIAL_TWITTER_CLIENT_ID and SOCIAL_TWITTER_CLIENT_SECRET"),
        ])
        #expect(builds.count == 0)
        #expect(registry.available == [.mastodon])
        #expect(registry.platform(.mastodon)?.name == .mastodon)
        #expect(registry.platform(.mastodon)?.name == .mastodon)
        #expect(builds.count == 1)
        #expect(registry.platform(.twitter) == nil)
        #expect(registry.unavailableReason(.twitter)?.contains("SOCIAL_TWITTER_CLIENT_SECRET") == true)
        #expect(registry.unavailableReason(.mastodon) == nil)
        #expect(registry.unavailableReason(.linkedin) != nil)
    }
}
