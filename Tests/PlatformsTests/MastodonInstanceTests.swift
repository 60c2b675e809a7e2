import Foundation
import Testing

@testable import Platforms

@Suite struct MastodonInstanceTests {
    @Test(arguments: [
        ("@ada@Mastodon.Social", "https://mastodon.social"),
        ("https://mastodon.social/", "https://mastodon.social"),
        ("mastodon.social", "https://mastodon.social"),
        ("  HTTPS://Mastodon.Social/@ada/123?x=1 ", "https://mastodon.social"),
        ("ada@fosstodon.org", "https://fosstodon.org"),
        ("social.example:8443", "https://social.example:8443"),
        ("https://social.example:443/", "https://social.example"),
        ("[2001:db8::1]:8443", "https://[2001:db8::1]:8443"),
    ])
    func handlesHostsAndURLsNormaliseToTheHTTPSInstanceBase(input: String, expected: String) throws {
        #expect(try MastodonInstance.normalize(input).absoluteString == expected)
    }

    @Test(arguments: [
        "", "   ", "http://", "user@", "a b", "javascript:alert(1)", "https://user:pw@mastodon.social",
        "ftp://mastodon.social", "@ada@", "bad_host!.example", "example.com:99999",
        // Found by the property test: an empty or invalid IPv6 literal once passed as a host.
        "[]", "[]/]99999999999999999999", "https://[:]/", "[1:2:3]",
    ])
    func malformedOrUnsafeInstanceInputsAreRefused(input: String) {
        #expect(throws: PlatformError.self) { try MastodonInstance.normalize(input) }
        do { _ = try MastodonInstance.normalize(input) } catch { #expect(error.code == .invalidInstance) }
    }
}
