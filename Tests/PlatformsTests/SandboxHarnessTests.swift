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

@Suite struct OutboundPlatformTransportTests {
    @Test func untrustedInstanceCallsGoThroughTheSandboxRoute() async throws {
        try await SandboxHarness.with { sandbox in
            let response = try await sandbox.transport.send(
                PlatformHTTPRequest(.GET, URL(string: "https://tiny.example/api/v1/instance")!, destination: .untrusted))
            #expect(response.status == 200)
        }
    }

    @Test func unreachablePlatformIsATransportErrorWithoutTheQuery() async throws {
        let transport = SandboxTestTransport(port: 1)
        do {
            _ = try await transport.send(PlatformHTTPRequest(.POST, URL(string: "https://api.x.com/2/tweets?access_token=SECRET123")!))
            Issue.record("a closed port answered")
        } catch {
            #expect(!error.description.contains("SECRET123"))
        }
        try await transport.outbound.shutdown()
    }
}
