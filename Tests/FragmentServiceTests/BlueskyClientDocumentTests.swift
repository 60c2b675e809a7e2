import Foundation
import Hummingbird
import HummingbirdTesting
import Platforms
import SocialCore
import Testing

@testable import FragmentService

/// The documents that make a deployment a Bluesky OAuth client, as Bluesky's servers fetch them.
@Suite struct BlueskyClientDocumentTests {
    /// A transport for a registry whose platforms are never called here.
    struct Unused: PlatformTransport {
        func send(_ request: PlatformHTTPRequest) async throws(TransportError) -> PlatformHTTPResponse {
            throw TransportError(kind: .other, mayHaveReachedServer: false, description: "no calls in this test")
        }
    }

    static func app(_ overrides: [String: String]) async throws -> some ApplicationProtocol {
        let configuration = try TestEnvironment.configuration(overrides)
        let registry = PlatformRegistry.standard(configuration: configuration, transport: Unused(), mastodonApps: MemoryMastodonAppStore())
        return try await buildApplication(configuration: configuration, dependencies: .inMemory(registry: registry), logger: TestEnvironment.logger)
    }

    static func json(_ buffer: ByteBuffer) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer: buffer)) as? [String: Any])
    }

    @Test func anHTTPSDeploymentWithAKeyServesItsMetadataAndPublicKeyOnly() async throws {
        let key = BlueskyClientKey.generate()
        let app = try await Self.app([
            "PUBLIC_BASE_URL": "https://social.rose-ash.com", "SOCIAL_DEV_LOGIN": "0", "SOCIAL_BLUESKY_CLIENT_KEY": key.encoded,
        ])
        try await app.test(.router) { client in
            try await client.execute(uri: "/social/bluesky/client-metadata.json", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json")
                let document = try Self.json(response.body)
                // The client id is the URL the document is served at.
                #expect(document["client_id"] as? String == "https://social.rose-ash.com/social/bluesky/client-metadata.json")
                #expect(document["redirect_uris"] as? [String] == ["https://social.rose-ash.com/social/callback/bluesky/"])
                #expect(document["token_endpoint_auth_method"] as? String == "private_key_jwt")
                #expect(document["dpop_bound_access_tokens"] as? Bool == true)
                #expect(document["jwks_uri"] as? String == "https://social.rose-ash.com/social/bluesky/jwks.json")
                #expect((document["scope"] as? String)?.split(separator: " ").first == "atproto")
            }
            try await client.execute(uri: "/social/bluesky/jwks.json", method: .get) { response in
                #expect(response.status == .ok)
                let keys = try #require(try Self.json(response.body)["keys"] as? [[String: Any]])
                #expect(keys.count == 1)
                #expect(keys.first?["kid"] as? String == key.keyID)
                #expect(keys.first?["kty"] as? String == "EC" && keys.first?["crv"] as? String == "P-256")
                // Never the private scalar.
                #expect(keys.first?["d"] == nil)
                #expect(!String(buffer: response.body).contains(key.encoded))
            }
        }
    }

    @Test(arguments: [
        ["PUBLIC_BASE_URL": "https://social.rose-ash.com", "SOCIAL_DEV_LOGIN": "0"],  // no key: Bluesky is unavailable
        ["PUBLIC_BASE_URL": "http://127.0.0.1:8080"],  // the localhost client has no documents
    ])
    func withoutAConfidentialClientThereAreNoDocuments(overrides: [String: String]) async throws {
        let app = try await Self.app(overrides)
        try await app.test(.router) { client in
            for path in ["/social/bluesky/client-metadata.json", "/social/bluesky/jwks.json"] {
                try await client.execute(uri: path, method: .get) { response in #expect(response.status == .notFound) }
            }
        }
    }

    @Test func aMalformedKeyIsRefusedAtStartWithoutEchoingIt() throws {
        let bad = "not-a-key-" + String(repeating: "A", count: 20)
        do throws(ConfigurationError) {
            _ = try AppConfiguration(
                environment: TestEnvironment.values.merging(["PUBLIC_BASE_URL": "https://social.rose-ash.com", "SOCIAL_BLUESKY_CLIENT_KEY": bad]) {
                    $1
                },
                requireDatabase: false)
            Issue.record("a malformed key was accepted")
        } catch {
            #expect(error.description.contains("SOCIAL_BLUESKY_CLIENT_KEY"))
            #expect(!error.description.contains(bad))
        }
    }
}
