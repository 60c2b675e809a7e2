import AsyncHTTPClient
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import NIOHTTP1
import Platforms
import Sandbox
import SocialCore
import Testing

@testable import FragmentService

/// The service wired to a running sandbox, as `make run` wires them, with memory repositories:
/// a browser session drives the service through HummingbirdTesting and the person's side of
/// each consent page through real HTTP to the sandbox.
struct ConnectFlow: Sendable {
    static let publicBase = "http://127.0.0.1:8080"
    static let credentials: [String: String] = [
        "SOCIAL_FACEBOOK_APP_ID": "fb-app", "SOCIAL_FACEBOOK_APP_SECRET": "fb-secret-0123456789",
        "SOCIAL_THREADS_APP_ID": "th-app", "SOCIAL_THREADS_APP_SECRET": "th-secret-0123456789",
        "SOCIAL_TWITTER_CLIENT_ID": "x-client", "SOCIAL_TWITTER_CLIENT_SECRET": "x-secret-0123456789",
        "SOCIAL_LINKEDIN_CLIENT_ID": "li-client", "SOCIAL_LINKEDIN_CLIENT_SECRET": "li-secret-0123456789",
    ]

    let sandboxPort: Int
    let browser: HTTPClient

    /// Runs `body` with a sandbox (apps registered from the same variables) and the service.
    typealias Dependencies = AppDependencies<MemoryRepositories>

    static func with(
        apps: [ContentApp] = [], environment extra: [String: String] = [:],
        _ body: @Sendable (ConnectFlow, Dependencies, any TestClientProtocol) async throws -> Void
    ) async throws {
        let environment = credentials.merging(["PUBLIC_BASE_URL": publicBase]) { $1 }.merging(extra) { $1 }
        try await withRunningSandbox(apps: SandboxConfiguration.fromEnvironment(environment).apps) { port in
            let configuration = try TestEnvironment.configuration(
                environment.merging(["SOCIAL_SANDBOX_URL": "http://127.0.0.1:\(port)"]) { $1 })
            let outbound = OutboundHTTP(settings: OutboundSettings(configuration: configuration), logger: TestEnvironment.logger)
            let registry = PlatformRegistry.standard(
                configuration: configuration, transport: OutboundPlatformTransport(http: outbound, requireHTTPSForUntrusted: false),
                mastodonApps: MemoryMastodonAppStore())
            let dependencies = AppDependencies.inMemory(apps: apps, registry: registry)
            let app = try await buildApplication(configuration: configuration, dependencies: dependencies, logger: TestEnvironment.logger)
            let browser = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))
            do {
                try await app.test(.router) { client in
                    try await body(ConnectFlow(sandboxPort: port, browser: browser), dependencies, client)
                }
                try await browser.shutdown()
                try await outbound.shutdown()
            } catch {
                try? await browser.shutdown()
                try? await outbound.shutdown()
                throw error
            }
        }
    }

    /// Acts as the person on the platform's consent page the service redirected to; returns the
    /// service-relative callback path (e.g. `/social/callback/mastodon/?code=…&state=…`).
    func consent(at location: String, account: String, decision: String = "allow") async throws -> String {
        let page = try await fetch(location)
        #expect(page.status == 200, "authorize page: \(page.body.prefix(200))")
        let form = try #require(ConsentForm(html: page.body))
        let reply = try await fetch(
            "http://127.0.0.1:\(sandboxPort)\(form.action)", method: .POST, body: form.body(account: account, decision: decision),
            contentType: "application/x-www-form-urlencoded")
        let callback = try #require(reply.location)
        #expect(callback.hasPrefix(Self.publicBase))
        return String(callback.dropFirst(Self.publicBase.count))
    }

    func fetch(
        _ url: String, method: HTTPMethod = .GET, body: String? = nil, contentType: String? = nil
    ) async throws -> (status: Int, body: String, location: String?) {
        var request = HTTPClientRequest(url: url)
        request.method = method
        if let contentType { request.headers.add(name: "Content-Type", value: contentType) }
        if let body { request.body = .bytes(ByteBuffer(string: body)) }
        let response = try await browser.execute(request, timeout: .seconds(10))
        let bytes = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), String(buffer: bytes), response.headers.first(name: "Location"))
    }

    /// Posts recorded by the sandbox for a platform.
    func posts(_ platform: String) async throws -> [[String: Any]] {
        let reply = try await fetch("http://127.0.0.1:\(sandboxPort)/_sandbox/posts?platform=\(platform)")
        return (try JSONSerialization.jsonObject(with: Data(reply.body.utf8)) as? [[String: Any]]) ?? []
    }
}
