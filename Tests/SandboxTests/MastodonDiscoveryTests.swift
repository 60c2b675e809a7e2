import Foundation
import Testing
@testable import Sandbox

@Suite("Mastodon discovery stays inside the sandbox")
struct MastodonDiscoveryTests {
    @Test("RFC 8414 metadata names the sandbox-addressed issuer and endpoints, and a plain client can follow them")
    func metadataIsSandboxAddressed() async throws {
        try await withSandbox { sandbox in
            let metadata = try await sandbox.get("mastodon.social/.well-known/oauth-authorization-server")
            #expect(metadata.status == 200)
            let prefix = sandbox.base + "/mastodon.social"
            #expect(metadata.json["issuer"] as? String == prefix + "/")
            for key in ["authorization_endpoint", "token_endpoint", "revocation_endpoint", "app_registration_endpoint", "userinfo_endpoint"] {
                let url = try #require(metadata.json[key] as? String)
                #expect(url.hasPrefix(prefix + "/"), "\(key) = \(url)")
            }
            // Follow app_registration_endpoint exactly as named, then the authorize endpoint.
            let register = try #require(metadata.json["app_registration_endpoint"] as? String)
            let app = try await sandbox.postForm(
                String(register.dropFirst(sandbox.base.count + 1)),
                [
                    ("client_name", "Plain"), ("redirect_uris", MastodonTests.redirect), ("scopes", "read"),
                ])
            #expect(app.status == 200)
            let authorize = try #require(metadata.json["authorization_endpoint"] as? String)
            let page = try await sandbox.get(
                String(authorize.dropFirst(sandbox.base.count + 1))
                    + sandbox.query([
                        ("response_type", "code"), ("client_id", try #require(app.json["client_id"] as? String)),
                        ("redirect_uri", MastodonTests.redirect),
                    ]))
            #expect(page.status == 200)
        }
    }
}
