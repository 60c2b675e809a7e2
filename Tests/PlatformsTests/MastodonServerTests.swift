import Platforms
import Testing

/// Reading which software a Mastodon-API server runs (docs/platforms/mastodon-servers.md).
@Suite struct MastodonServerTests {
    @Test(arguments: [
        ("mastodon", MastodonServer.Software.mastodon), ("Mastodon", .mastodon), ("glitch-soc", .mastodon), ("takahe", .takahe),
        ("gotosocial", .gotosocial), ("pleroma", .pleroma), ("akkoma", .akkoma), ("iceshrimp", .iceshrimp), ("friendica", .friendica),
        ("snac", .snac), ("misskey", .sharkey), ("something-new", .unknown), ("", .unknown),
    ])
    func nodeInfoNamesMapToSoftware(name: String, expected: MastodonServer.Software) {
        #expect(MastodonServer.software(nodeInfoName: name) == expected)
    }

    @Test func instanceVersionStringsOfImitationsAreRecognised() {
        #expect(MastodonServer.software(instanceVersion: "2.7.2 (compatible; Pleroma 2.5.0)", reportsMastodonAPIVersion: false) == .pleroma)
        #expect(MastodonServer.software(instanceVersion: "2.7.2 (compatible; Akkoma 3.13.2)", reportsMastodonAPIVersion: false) == .akkoma)
        #expect(MastodonServer.software(instanceVersion: "4.0.0 (compatible; Iceshrimp.NET/2025.1)", reportsMastodonAPIVersion: false) == .iceshrimp)
        #expect(MastodonServer.software(instanceVersion: "4.5.0", reportsMastodonAPIVersion: true) == .mastodon)
        // A bare version number proves nothing: GoToSocial and others write one too.
        #expect(MastodonServer.software(instanceVersion: "4.5.0", reportsMastodonAPIVersion: false) == .unknown)
        #expect(MastodonServer.software(instanceVersion: "3.0.0 (compatible; Something)", reportsMastodonAPIVersion: true) == .unknown)
        #expect(MastodonServer.software(instanceVersion: nil, reportsMastodonAPIVersion: false) == .unknown)
    }

    @Test func onlyMastodonIsTrustedToHonourIdempotencyKeys() {
        for software in [MastodonServer.Software.takahe, .gotosocial, .pleroma, .akkoma, .iceshrimp, .sharkey, .friendica, .snac, .unknown] {
            #expect(!MastodonServer(software: software).honoursIdempotencyKey, "\(software)")
        }
        #expect(MastodonServer(software: .mastodon).honoursIdempotencyKey)
    }
}

/// The scopes asked for fit the server that answers.
@Suite struct MastodonScopeTests {
    @Test func mastodonAndUnknownServersGetMastodonsScopesOthersGetPlainRead() {
        #expect(MastodonPlatform.scopes(for: .mastodon) == ["write:statuses", "read:accounts"])
        #expect(MastodonPlatform.scopes(for: .unknown) == ["write:statuses", "read:accounts"])
        for software in [MastodonServer.Software.takahe, .gotosocial, .pleroma, .akkoma, .friendica] {
            #expect(MastodonPlatform.scopes(for: software) == ["read", "write:statuses"], "\(software)")
        }
    }
}
