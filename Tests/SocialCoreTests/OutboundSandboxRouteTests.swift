import Foundation
import Testing

@testable import SocialCore

@Suite("Sandbox host rewrite")
struct OutboundSandboxRouteTests {
    let route = SandboxRoute(sandboxURL: URL(string: "http://127.0.0.1:8100")!)

    @Test("a platform URL moves under the sandbox with host, path and query kept")
    func rewritesHostIntoPath() {
        let url = URL(string: "https://graph.facebook.com/v26.0/me/accounts?fields=id,name&limit=5")!
        #expect(route.rewrite(url).absoluteString == "http://127.0.0.1:8100/graph.facebook.com/v26.0/me/accounts?fields=id,name&limit=5")
    }

    @Test("authorize pages for browser redirects follow the same rule, encoding intact")
    func rewritesAuthorizeRedirect() {
        let url = URL(string: "https://www.facebook.com/v26.0/dialog/oauth?redirect_uri=https%3A%2F%2Fsocial.example%2Fcb&state=a%2Bb")!
        #expect(
            route.rewrite(url).absoluteString
                == "http://127.0.0.1:8100/www.facebook.com/v26.0/dialog/oauth?redirect_uri=https%3A%2F%2Fsocial.example%2Fcb&state=a%2Bb")
    }

    @Test("a bare host gets a slash, a non-default port stays with the host, the host is lowercased")
    func edgeShapes() {
        #expect(route.rewrite(URL(string: "https://Mastodon.Social")!).absoluteString == "http://127.0.0.1:8100/mastodon.social/")
        #expect(route.rewrite(URL(string: "https://api.example:8443/x")!).absoluteString == "http://127.0.0.1:8100/api.example:8443/x")
        #expect(route.rewrite(URL(string: "http://api.example:80/x")!).absoluteString == "http://127.0.0.1:8100/api.example/x")
    }

    @Test("a sandbox URL with a base path or trailing slash keeps it once")
    func basePath() {
        let nested = SandboxRoute(sandboxURL: URL(string: "http://127.0.0.1:8100/sandbox/")!)
        #expect(nested.rewrite(URL(string: "https://api.x.com/2/tweets")!).absoluteString == "http://127.0.0.1:8100/sandbox/api.x.com/2/tweets")
    }

    @Test("URLs already on the sandbox origin are left alone, so rewriting twice is harmless")
    func idempotent() {
        let once = route.rewrite(URL(string: "https://api.linkedin.com/rest/posts")!)
        #expect(route.rewrite(once) == once)
    }

    @Test("without a sandbox URL the rewrite is the identity")
    func identity() {
        let url = URL(string: "https://graph.threads.net/me?access_token=abc")!
        #expect(SandboxRoute.direct.rewrite(url) == url)
        #expect(!SandboxRoute.direct.isActive)
    }

    @Test func aSandboxAddressedLinkMapsBackToThePlatformURL() {
        let route = SandboxRoute(sandboxURL: URL(string: "http://127.0.0.1:8100")!)
        let real = URL(string: "https://takahe.example/nodeinfo/2.0/?x=1")!
        #expect(route.platformURL(route.rewrite(real)) == real)
        #expect(route.platformURL(URL(string: "http://127.0.0.1:8100/takahe.example")!) == URL(string: "https://takahe.example/")!)
        // Other origins, and no sandbox at all, are left alone.
        #expect(route.platformURL(URL(string: "http://127.0.0.1:9999/takahe.example/x")!) == URL(string: "http://127.0.0.1:9999/takahe.example/x")!)
        #expect(SandboxRoute.direct.platformURL(real) == real)
    }
}
