import Foundation
import Sandbox
import Testing

@testable import Platforms

/// Discovery from what a person types, with hostile inputs and hostile servers: each ends in a
/// clean `PlatformError` (docs/platforms/bluesky.md, "Discovery").
@Suite struct BlueskyDiscoveryTests {
    typealias T = BlueskyTest
    typealias S = MastodonScriptedTransport

    @Test(arguments: [
        "", "   ", "@", "alice", "alice.", ".alice.com", "-alice.com", "alice-.com", "al ice.com", "alice.com/path", "https://alice.com",
        "alice.local", "alice.localhost", "alice.123", "ålice.com", "a..b.com", "did:plc:short", "did:key:z6Mkabc", "did:web:",
        "did:web:Alice.com", "did:web:alice.com:8080", String(repeating: "a", count: 64) + ".com",
        String(repeating: "abc.", count: 70) + "com",
    ])
    func badHandlesAreRefusedBeforeAnyCall(input: String) async throws {
        let transport = S()
        let platform = BlueskyPlatform(client: T.client(), transport: transport)
        do {
            _ = try await platform.prepareAuthorization(hint: input.isEmpty || input == "   " ? "@" : input)
            Issue.record("\(input) was accepted")
        } catch {
            #expect(error.code == .invalidInstance)
        }
        #expect(transport.requests.isEmpty)
    }

    @Test func handlesAndDIDsParse() throws {
        #expect(try BlueskyIdentifier.parse(" @Ada.Bsky.Social ") == .handle("ada.bsky.social"))
        #expect(try BlueskyIdentifier.parse("did:plc:adal2vela3eengine4notes5") == .did("did:plc:adal2vela3eengine4notes5"))
        #expect(try BlueskyIdentifier.parse("did:web:grace.example") == .did("did:web:grace.example"))
    }

    @Test func anUnknownHandleIsRefused() async throws {
        try await SandboxHarness.with { sandbox in
            do {
                _ = try await T.platform(sandbox).prepareAuthorization(hint: "nobody.bsky.social")
                Issue.record("an unknown handle was accepted")
            } catch let error as PlatformError {
                #expect(error.code == .invalidInstance)
            }
        }
    }

    /// A scripted world: `alice.example` → did:web:alice.example → its DID document, PDS and server.
    static func world(
        didDocument: String =
            ##"{"id":"did:web:alice.example","service":[{"id":"#atproto_pds","type":"AtprotoPersonalDataServer","serviceEndpoint":"https://pds.alice.example"}]}"##,
        resource: String = ##"{"authorization_servers":["https://pds.alice.example"]}"##,
        metadata: String =
            ##"{"issuer":"https://pds.alice.example","authorization_endpoint":"https://pds.alice.example/oauth/authorize","token_endpoint":"https://pds.alice.example/oauth/token","pushed_authorization_request_endpoint":"https://pds.alice.example/oauth/par"}"##,
        huge: String? = nil
    ) -> S {
        S { request in
            let path = request.url.host.map { $0 + request.url.path } ?? ""
            if let huge, path.hasSuffix(huge) {
                return PlatformHTTPResponse(status: 200, headers: [:], body: Data(repeating: UInt8(ascii: "a"), count: 200_000))
            }
            switch path {
            case "alice.example/.well-known/atproto-did": return S.json(200, "did:web:alice.example")
            case "alice.example/.well-known/did.json": return S.json(200, didDocument)
            case "pds.alice.example/.well-known/oauth-protected-resource": return S.json(200, resource)
            case "pds.alice.example/.well-known/oauth-authorization-server": return S.json(200, metadata)
            default: return S.json(404, "{}")
            }
        }
    }

    @Test func theScriptedWorldIsAcceptedAsIs() async throws {
        let issuer = try await BlueskyPlatform(client: T.client(), transport: Self.world()).prepareAuthorization(hint: "alice.example")
        #expect(issuer.absoluteString == "https://pds.alice.example")
    }

    @Test(arguments: [
        ##"{"id":"did:web:alice.example"}"##,
        ##"{"id":"did:web:alice.example","service":[{"id":"#atproto_pds","serviceEndpoint":"http://pds.alice.example"}]}"##,
        ##"{"id":"did:web:alice.example","service":[{"id":"#atproto_pds","serviceEndpoint":"https://user:pw@pds.alice.example"}]}"##,
        ##"{"id":"did:web:alice.example","service":[{"id":"#atproto_pds","serviceEndpoint":"https://127.0.0.1"}]}"##,
        ##"{"id":"did:web:alice.example","service":[{"id":"#atproto_pds","serviceEndpoint":{"uri":"https://pds.alice.example"}}]}"##,
        ##"{"id":"did:web:someone.else","service":[{"id":"#atproto_pds","serviceEndpoint":"https://pds.alice.example"}]}"##,
        ##"not json"##,
    ])
    func aDIDDocumentWithoutAUsablePDSIsRefused(document: String) async throws {
        do {
            _ = try await BlueskyPlatform(client: T.client(), transport: Self.world(didDocument: document)).prepareAuthorization(
                hint: "alice.example")
            Issue.record("accepted: \(document)")
        } catch {
            #expect(error.code == .invalidInstance)
        }
    }

    @Test(arguments: [
        ##"{"issuer":"https://evil.example","authorization_endpoint":"https://pds.alice.example/oauth/authorize","token_endpoint":"https://pds.alice.example/oauth/token","pushed_authorization_request_endpoint":"https://pds.alice.example/oauth/par"}"##,
        ##"{"issuer":"https://pds.alice.example","authorization_endpoint":"https://pds.alice.example/oauth/authorize","token_endpoint":"https://evil.example/oauth/token","pushed_authorization_request_endpoint":"https://pds.alice.example/oauth/par"}"##,
        ##"{"issuer":"https://pds.alice.example","authorization_endpoint":"https://pds.alice.example/oauth/authorize","token_endpoint":"https://pds.alice.example/oauth/token"}"##,
        ##"{"issuer":"https://pds.alice.example","authorization_endpoint":"javascript:alert(1)","token_endpoint":"https://pds.alice.example/oauth/token","pushed_authorization_request_endpoint":"https://pds.alice.example/oauth/par"}"##,
    ])
    func anAuthorizationServerThatNamesAnotherIssuerOrForeignEndpointsIsRefused(metadata: String) async throws {
        do {
            _ = try await BlueskyPlatform(client: T.client(), transport: Self.world(metadata: metadata)).prepareAuthorization(hint: "alice.example")
            Issue.record("accepted: \(metadata)")
        } catch {
            #expect(error.code == .invalidInstance)
        }
    }

    @Test(arguments: [##"{}"##, ##"{"authorization_servers":[]}"##, ##"{"authorization_servers":["http://pds.alice.example"]}"##])
    func aPDSWithoutAnAuthorizationServerIsRefused(resource: String) async throws {
        do {
            _ = try await BlueskyPlatform(client: T.client(), transport: Self.world(resource: resource)).prepareAuthorization(hint: "alice.example")
            Issue.record("accepted: \(resource)")
        } catch {
            #expect(error.code == .invalidInstance)
        }
    }

    @Test(arguments: ["did.json", "oauth-protected-resource", "oauth-authorization-server"])
    func hugeDocumentsAreRefused(path: String) async throws {
        do {
            _ = try await BlueskyPlatform(client: T.client(), transport: Self.world(huge: path)).prepareAuthorization(hint: "alice.example")
            Issue.record("a huge \(path) was accepted")
        } catch {
            #expect(error.code == .invalidInstance)
        }
    }

    @Test func selfHostedHostsAreUntrustedAndBlueskysOwnAreNot() async throws {
        let transport = Self.world()
        _ = try await BlueskyPlatform(client: T.client(), transport: transport).prepareAuthorization(hint: "alice.example")
        #expect(!transport.requests.isEmpty)
        #expect(transport.requests.allSatisfy { $0.destination == .untrusted })
        #expect(BlueskyPlatform.isBlueskyHost("bsky.social") && BlueskyPlatform.isBlueskyHost("morel.us-east.host.bsky.network"))
        #expect(!BlueskyPlatform.isBlueskyHost("evil-host.bsky.network.example"))
    }
}
