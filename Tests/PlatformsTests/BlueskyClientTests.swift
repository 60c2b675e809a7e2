import Crypto
import Foundation
import SocialCore
import Testing

@testable import Platforms

/// The client's identity (key, metadata, JWKS, localhost client), its stored-token format, record
/// keys and text rules (docs/platforms/bluesky.md, "Client metadata", "Client key", "Limits").
@Suite struct BlueskyClientTests {
    @Test func aKeyRoundTripsAndNeverShowsItsPrivatePart() throws {
        let key = BlueskyClientKey.generate()
        let again = try BlueskyClientKey(encoded: key.encoded)
        #expect(again.keyID == key.keyID)
        #expect(key.encoded.count == 43)
        #expect(!"\(key)".contains(key.encoded) && !String(reflecting: key).contains(key.encoded))
        let jwk = key.publicJWK
        #expect(jwk["kty"] == "EC" && jwk["crv"] == "P-256" && jwk["alg"] == "ES256" && jwk["use"] == "sig" && jwk["kid"] == key.keyID)
        #expect(jwk["d"] == nil)
        // RFC 7638: SHA-256 of {"crv","kty","x","y"} in that order, no spaces.
        let canonical = #"{"crv":"P-256","kty":"EC","x":"\#(jwk["x"] ?? "")","y":"\#(jwk["y"] ?? "")"}"#
        #expect(key.keyID == Data(SHA256.hash(data: Data(canonical.utf8))).base64URLEncodedString())
    }

    @Test(arguments: ["", "short", String(repeating: "A", count: 44), String(repeating: "/", count: 43), String(repeating: "_", count: 43)])
    func badKeysAreRefused(text: String) {
        #expect(throws: BlueskyClientKey.Invalid.self) { try BlueskyClientKey(encoded: text) }
    }

    @Test func theConfigurationChecksTheKeysShapeWithoutEchoingIt() throws {
        let key = BlueskyClientKey.generate().encoded
        let good = try AppConfiguration(environment: ["SOCIAL_BLUESKY_CLIENT_KEY": key], needs: .platformApps)
        #expect(good.blueskyClientKey == key)
        let bad = "not-a-key-" + String(key.prefix(20))
        do {
            _ = try AppConfiguration(environment: ["SOCIAL_BLUESKY_CLIENT_KEY": bad], needs: .platformApps)
            Issue.record("a malformed key was accepted")
        } catch {
            #expect("\(error)".contains("SOCIAL_BLUESKY_CLIENT_KEY") && !"\(error)".contains(bad))
        }
    }

    @Test func anHTTPSDeploymentIsAConfidentialClientWithItsDocuments() throws {
        let key = BlueskyClientKey.generate()
        #expect(BlueskyClient.forDeployment(publicBaseURL: URL(string: "https://social.rose-ash.com")!, key: nil) == nil)
        let client = try #require(BlueskyClient.forDeployment(publicBaseURL: URL(string: "https://social.rose-ash.com/")!, key: key))
        #expect(client.clientID == "https://social.rose-ash.com/social/bluesky/client-metadata.json")
        #expect(client.redirectURI == "https://social.rose-ash.com/social/callback/bluesky/")
        let metadataData = try #require(client.metadataDocument(clientName: "Rose Ash"))
        let metadata = try #require(try JSONSerialization.jsonObject(with: metadataData) as? [String: Any])
        #expect(metadata["client_id"] as? String == client.clientID)
        #expect(metadata["client_name"] as? String == "Rose Ash")
        #expect(metadata["client_uri"] as? String == "https://social.rose-ash.com")
        #expect(metadata["application_type"] as? String == "web")
        #expect(metadata["grant_types"] as? [String] == ["authorization_code", "refresh_token"])
        #expect(metadata["response_types"] as? [String] == ["code"])
        #expect(metadata["redirect_uris"] as? [String] == [client.redirectURI])
        #expect(metadata["scope"] as? String == BlueskyClient.scopes.joined(separator: " "))
        #expect(metadata["token_endpoint_auth_method"] as? String == "private_key_jwt")
        #expect(metadata["token_endpoint_auth_signing_alg"] as? String == "ES256")
        #expect(metadata["dpop_bound_access_tokens"] as? Bool == true)
        #expect(metadata["jwks_uri"] as? String == "https://social.rose-ash.com/social/bluesky/jwks.json")
        let jwksData = try #require(client.jwksDocument())
        let jwks = try #require(try JSONSerialization.jsonObject(with: jwksData) as? [String: Any])
        let keys = try #require(jwks["keys"] as? [[String: String]])
        #expect(keys == [key.publicJWK])
        #expect(!String(decoding: jwksData, as: UTF8.self).contains(key.encoded))
    }

    @Test func aLoopbackHTTPDeploymentIsTheLocalhostClient() throws {
        let client = try #require(BlueskyClient.forDeployment(publicBaseURL: URL(string: "http://127.0.0.1:8080")!, key: nil))
        let redirect = "http://127.0.0.1:8080/social/callback/bluesky/"
        #expect(client.redirectURI == redirect)
        let components = try #require(URLComponents(string: client.clientID))
        #expect(components.scheme == "http" && components.host == "localhost" && components.port == nil && components.path.isEmpty)
        let query = (components.queryItems ?? []).reduce(into: [String: String]()) { $0[$1.name] = $1.value }
        #expect(query["redirect_uri"] == redirect)
        #expect(query["scope"] == BlueskyClient.scopes.joined(separator: " "))
        #expect(client.metadataDocument(clientName: "x") == nil && client.jwksDocument() == nil)
        #expect(client.authenticationFields(issuer: "https://bsky.social", now: Date())?.map(\.0) == ["client_id"])
    }

    @Test(arguments: ["http://social.rose-ash.com", "http://10.0.0.5:8080", "ftp://127.0.0.1"])
    func otherDeploymentsCannotOfferBluesky(base: String) {
        #expect(BlueskyClient.forDeployment(publicBaseURL: URL(string: base)!, key: BlueskyClientKey.generate()) == nil)
    }

    @Test func theRegistryNamesTheVariableWhenBlueskyIsUnavailable() throws {
        let https = try AppConfiguration(environment: ["PUBLIC_BASE_URL": "https://social.rose-ash.example"], needs: .platformApps)
        let registry = PlatformRegistry.standard(configuration: https, transport: NoTransport(), mastodonApps: MemoryMastodonAppStore())
        #expect(registry.unavailableReason(.bluesky)?.contains("SOCIAL_BLUESKY_CLIENT_KEY") == true)
        #expect(registry.unavailableReason(.bluesky)?.contains("social-service bluesky-key") == true)
        let keyed = try AppConfiguration(
            environment: ["PUBLIC_BASE_URL": "https://social.rose-ash.example", "SOCIAL_BLUESKY_CLIENT_KEY": BlueskyClientKey.generate().encoded],
            needs: .platformApps)
        let available = PlatformRegistry.standard(configuration: keyed, transport: NoTransport(), mastodonApps: MemoryMastodonAppStore())
        #expect(available.platform(.bluesky) is BlueskyPlatform)
    }

    @Test func theCheckOfAppCredentialsAsksNobody() async throws {
        let platform = BlueskyPlatform(client: BlueskyTest.client(), transport: NoTransport())
        guard case .notNeeded(let text) = await platform.checkAppCredentials() else {
            Issue.record("not .notNeeded")
            return
        }
        #expect(text.contains(BlueskyTest.key.keyID) && !text.contains(BlueskyTest.key.encoded))
    }

    @Test func storedTokensRoundTripAndRefuseOtherShapes() throws {
        let key = P256.Signing.PrivateKey()
        let stored = BlueskyStoredToken.dpop(key: key, token: "eyJ.a.b")
        guard case .dpop(let back, let token) = try #require(BlueskyStoredToken(encoded: stored.encoded)) else {
            Issue.record("not dpop")
            return
        }
        #expect(back.rawRepresentation == key.rawRepresentation && token == "eyJ.a.b")
        #expect(BlueskyStoredToken(encoded: BlueskyStoredToken.bearer("abc").encoded)?.token == "abc")
        for bad in ["", "abc", "bsky1", "bsky1 dpop x y", "bsky1 bearer", "bsky2 bearer abc", "bsky1 bearer a b"] {
            #expect(BlueskyStoredToken(encoded: bad) == nil, "\(bad)")
        }
    }

    @Test func theDPoPKeyFollowsTheVerifierAndTheClientKey() throws {
        let verifier = PKCE.makeVerifier()
        let one = try #require(BlueskyDPoP.derivedKey(verifier: verifier, client: BlueskyTest.client()))
        let same = try #require(BlueskyDPoP.derivedKey(verifier: verifier, client: BlueskyTest.client()))
        #expect(one.rawRepresentation == same.rawRepresentation)
        let otherVerifier = try #require(BlueskyDPoP.derivedKey(verifier: PKCE.makeVerifier(), client: BlueskyTest.client()))
        #expect(otherVerifier.rawRepresentation != one.rawRepresentation)
        // Someone who knows the verifier (the authorization server sees it) but not the client key gets another key.
        let otherClient = try #require(BlueskyDPoP.derivedKey(verifier: verifier, client: BlueskyTest.client(key: .generate())))
        #expect(otherClient.rawRepresentation != one.rawRepresentation)
    }

    @Test func recordKeysAreTIDs() {
        let date = Date(timeIntervalSince1970: 1_767_225_600)
        let first = BlueskyTID.make(at: date, clockID: 0)
        #expect(BlueskyTID.isValid(first))
        #expect(BlueskyTID.make(at: date.addingTimeInterval(1), clockID: 0) > first)
        #expect(BlueskyTID.isValid(BlueskyTID.make(at: .distantPast)) && BlueskyTID.isValid(BlueskyTID.make(at: .distantFuture)))
        #expect(!BlueskyTID.isValid("zzzzzzzzzzzzz") && !BlueskyTID.isValid("3abc"))
    }

    @Test func textRulesCountGraphemesAndBytes() {
        let rules = TextRules.bluesky
        #expect(rules.count("👩‍💻 https://example.com/a-long-path") == 2 + "https://example.com/a-long-path".count)
        #expect(rules.problems(String(repeating: "a", count: 300)).isEmpty)
        #expect(!rules.problems(String(repeating: "a", count: 301)).isEmpty)
        #expect(rules.problems(String(repeating: "ü", count: 300)).isEmpty)
        #expect(rules.problems(String(repeating: "👨‍👩‍👧‍👦", count: 121)).contains { $0.contains("bytes") })
        // A remote-looking mention counts in full here (unlike Mastodon).
        #expect(rules.count("@a@example.com") == 14)
    }
}
