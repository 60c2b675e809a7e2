import Foundation
import Testing

@testable import Platforms

@Suite struct SandboxHarnessTests {
    @Test func harnessStartsTheSandboxAndRewritesPlatformHosts() async throws {
        try await SandboxHarness.with { sandbox in
            let url = sandbox.sandboxURL(URL(string: "https://mastodon.social/api/v2/instance?x=1")!)
            #expect(url.absoluteString == "http://127.0.0.1:\(sandbox.port)/mastodon.social/api/v2/instance?x=1")
            let response = try await sandbox.transport.send(PlatformHTTPRequest(.GET, URL(string: "https://mastodon.social/api/v2/instance")!))
            #expect(response.status == 200)
            #expect(String(decoding: response.body, as: UTF8.self).contains("max_characters"))
        }
    }
}
