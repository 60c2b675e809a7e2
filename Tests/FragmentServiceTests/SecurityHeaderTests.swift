import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FragmentService

@Suite struct SecurityHeaderTests {
    @Test func pagesForbidFramingSniffingInlineCodeAndCrossSiteReferrers() async throws {
        let app = try await TestEnvironment.app()
        try await app.test(.router) { client in
            let session = try await BrowserSession.signedIn(client)
            for uri in ["/auth/login", "/social/", "/nope", "/static/app.css"] {
                try await client.execute(uri: uri, method: .get, headers: [.cookie: session.cookie]) { response in
                    let csp = try #require(response.headers[.contentSecurityPolicy], "\(uri)")
                    #expect(csp.contains("default-src 'self'"))
                    #expect(csp.contains("frame-ancestors 'none'"))
                    #expect(!csp.contains("unsafe-inline"))
                    #expect(response.headers[HTTPField.Name("X-Frame-Options")!] == "DENY", "\(uri)")
                    #expect(response.headers[.xContentTypeOptions] == "nosniff", "\(uri)")
                    #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "same-origin", "\(uri)")
                }
            }
        }
    }

    @Test func pagesHaveNoInlineScriptOrStyleForThePolicyToBlock() async throws {
        let app = try await TestEnvironment.app()
        try await app.test(.router) { client in
            let session = try await BrowserSession.signedIn(client)
            for uri in ["/social/", "/social/share/?url=https%3A%2F%2Fblog.example%2Fp", "/social/connect/mastodon/", "/auth/login"] {
                let html = try await client.execute(uri: uri, method: .get, headers: [.cookie: session.cookie]) { String(buffer: $0.body) }
                #expect(html.firstMatch(of: /<script(?![^>]*\bsrc=)[^>]*>/) == nil, "\(uri)")
                #expect(!html.contains("<style"), "\(uri)")
                #expect(!html.contains(" style="), "\(uri)")
                #expect(html.firstMatch(of: /\son[a-z]+=/) == nil, "\(uri)")
            }
        }
    }

    @Test func theShareButtonFragmentIsLeftEmbeddableByContentApps() async throws {
        let app = try await TestEnvironment.app()
        try await app.test(.router) { client in
            try await client.execute(uri: "/fragments/share-button?url=https%3A%2F%2Fblog.example%2Fp", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
                #expect(response.headers[.contentSecurityPolicy] == nil)
                #expect(response.headers[HTTPField.Name("X-Frame-Options")!] == nil)
            }
        }
    }

    @Test func contentImagesMayComeOverHTTPOnlyInDevelopment() async throws {
        let app = try await TestEnvironment.app(["PUBLIC_BASE_URL": "https://social.rose-ash.com", "SOCIAL_DEV_LOGIN": "0"])
        try await app.test(.router) { client in
            try await client.execute(uri: "/auth/login", method: .get) { response in
                let csp = try #require(response.headers[.contentSecurityPolicy])
                #expect(csp.contains("img-src 'self' https:;"))
            }
        }
    }
}
