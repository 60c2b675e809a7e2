import Foundation
import Logging
import NIOHTTP1
import Testing

@testable import SocialCore

/// Every test here talks only to an in-process server on 127.0.0.1. Names resolve through a
/// fake resolver, and the connection log proves that refused destinations were never connected to.
@Suite("Outbound fetches against a local server", .timeLimit(.minutes(1)))
struct OutboundFetchTests {
    static let loopback = IPAddress(literal: "127.0.0.1")!
    static let resolver = FakeHostResolver([
        "public.test": ["127.0.0.1"],
        "internal.test": ["10.0.0.1"],
        "mixed.test": ["93.184.216.34", "10.0.0.1"],
        "metadata.test": ["169.254.169.254"],
    ])

    /// Runs `body` with a server and a client whose policy allows exactly 127.0.0.1 in addition
    /// to the standard rules (or every address with `allowPrivate`).
    func withClient(
        allowPrivate: Bool = false, allowTestServer: Bool = true, sandbox: Bool = false,
        _ body: @Sendable (OutboundHTTP, OutboundTestServer, ConnectionLog) async throws -> Void
    ) async throws {
        try await OutboundTestServer.with { server in
            let connections = ConnectionLog()
            let policy: AddressPolicy =
                allowPrivate ? .allowAll : AddressPolicy(alsoAllowing: allowTestServer ? [Self.loopback] : [])
            let settings = OutboundSettings(
                userAgent: "RoseAshSocial/1.0 (+http://social.test)",
                sandbox: sandbox ? SandboxRoute(sandboxURL: URL(string: "http://127.0.0.1:\(server.port)")!) : .direct,
                addressPolicy: policy,
                defaultTimeout: .seconds(10))
            let http = OutboundHTTP(
                settings: settings, resolver: Self.resolver, logger: Logger(label: "outbound-test"),
                connectionObserver: { connections.record($0) })
            do {
                try await body(http, server, connections)
            } catch {
                try await http.shutdown()
                throw error
            }
            try await http.shutdown()
        }
    }

    func untrusted(_ url: String, _ configure: (inout OutboundRequest) -> Void = { _ in }) -> OutboundRequest {
        var request = OutboundRequest(url: URL(string: url)!, destination: .untrusted())
        configure(&request)
        return request
    }

    func expectError(_ expected: OutboundError, _ work: () async throws -> Void) async -> OutboundError? {
        do {
            try await work()
            Issue.record("expected \(expected)")
            return nil
        } catch let error as OutboundError {
            #expect(error == expected, "got \(error)")
            return error
        } catch {
            Issue.record("unexpected \(error)")
            return nil
        }
    }

    @Test("a normal untrusted fetch is pinned to the checked address and keeps its Host header")
    func normalFetch() async throws {
        try await withClient { http, server, connections in
            let response = try await http.send(untrusted("http://public.test:\(server.port)/ok"))
            #expect(response.status == .ok)
            #expect(response.text == "<p>hello</p>")
            #expect(response.mediaType == "text/html")
            #expect(server.journal.hosts == ["public.test:\(server.port)"])
            #expect(server.journal.userAgents == ["RoseAshSocial/1.0 (+http://social.test)"])
            #expect(connections.remoteAddresses == ["127.0.0.1"])
        }
    }

    @Test("a redirect to the cloud metadata address is refused before connecting")
    func redirectToMetadata() async throws {
        try await withClient { http, server, connections in
            let url = "http://public.test:\(server.port)/redirect?token=SECRET123&to=http://169.254.169.254/latest/meta-data/"
            let error = await expectError(.blockedAddress) { _ = try await http.send(untrusted(url)) }
            #expect(server.journal.paths == ["/redirect"])
            #expect(connections.remoteAddresses == ["127.0.0.1"])
            let text = "\(error.map { "\($0)" } ?? "")"
            #expect(text.contains("169.254.169.254"))
            #expect(!text.contains("SECRET123") && !text.contains("token") && !text.contains("?"))
        }
    }

    @Test("a redirect to a name resolving to 10.0.0.1 is refused before connecting")
    func redirectToPrivateName() async throws {
        try await withClient { http, server, connections in
            let url = "http://public.test:\(server.port)/redirect?to=http://internal.test:\(server.port)/ok"
            _ = await expectError(.blockedAddress) { _ = try await http.send(untrusted(url)) }
            #expect(server.journal.paths == ["/redirect"])
            #expect(connections.remoteAddresses == ["127.0.0.1"])
        }
    }

    @Test("a refused name tells people only what they typed; the resolved address is for the log")
    func refusedNameHidesTheResolvedAddress() async throws {
        try await withClient { http, server, _ in
            let error = try #require(
                await expectError(.blockedAddress) { _ = try await http.send(untrusted("http://internal.test:\(server.port)/ok")) })
            #expect(error.description.contains("internal.test"))
            #expect(error.description.contains("cannot be reached from here"))
            #expect(!error.description.contains("10.0.0.1"))
            #expect(!"\(error)".contains("10.0.0.1"))
            #expect(String(reflecting: error).contains("10.0.0.1"))
        }
    }

    @Test("odd numeric hosts and metadata names are refused without any connection")
    func refusedWithoutConnecting() async throws {
        try await withClient { http, server, connections in
            for host in ["2130706433", "0177.0.0.1", "0x7f.1", "127.1", "metadata.test", "mixed.test", "[::1]", "[::ffff:127.0.0.1]"] {
                _ = await expectError(.blockedAddress) { _ = try await http.send(untrusted("http://\(host):\(server.port)/ok")) }
            }
            #expect(server.journal.paths.isEmpty)
            #expect(connections.remoteAddresses.isEmpty)
        }
    }

    @Test("a name resolving to both a public and a private address is refused")
    func mixedAnswers() async throws {
        try await withClient { http, server, connections in
            _ = await expectError(.blockedAddress) { _ = try await http.send(untrusted("http://mixed.test:\(server.port)/ok")) }
            #expect(connections.remoteAddresses.isEmpty)
        }
    }

    @Test("the sixth redirect is refused after five were followed")
    func tooManyRedirects() async throws {
        try await withClient { http, server, _ in
            _ = await expectError(.tooManyRedirects) { _ = try await http.send(untrusted("http://public.test:\(server.port)/chain/0")) }
            #expect(server.journal.paths == (0...5).map { "/chain/\($0)" })
        }
    }

    @Test("a body over the cap is refused")
    func bodyOverCap() async throws {
        try await withClient { http, server, _ in
            _ = await expectError(.bodyTooLarge) {
                _ = try await http.send(untrusted("http://public.test:\(server.port)/big") { $0.maxBodyBytes = 1024 })
            }
            let whole = try await http.send(untrusted("http://public.test:\(server.port)/big"))
            #expect(whole.body.count == 64 * 1024)
        }
    }

    @Test("a chunked body without Content-Length is cut off at the cap")
    func chunkedOverCap() async throws {
        try await withClient { http, server, _ in
            _ = await expectError(.bodyTooLarge) {
                _ = try await http.send(untrusted("http://public.test:\(server.port)/big-chunked") { $0.maxBodyBytes = 4096 })
            }
            let whole = try await http.send(untrusted("http://public.test:\(server.port)/big-chunked"))
            #expect(whole.body.count == 64 * 1024)
        }
    }

    @Test("a server that stalls mid-body hits the call's timeout too")
    func stalledBody() async throws {
        // The body would complete after its 2 s pause: only the deadline can make this a timeout
        // (no clock is read here, so a busy machine cannot fail it).
        try await withClient { http, server, _ in
            _ = await expectError(.timeout) {
                _ = try await http.send(untrusted("http://public.test:\(server.port)/slow-body") { $0.timeout = .milliseconds(300) })
            }
        }
    }

    @Test("the trusted path has the same deadline")
    func trustedTimeout() async throws {
        try await withClient { http, server, _ in
            _ = await expectError(.timeout) {
                _ = try await http.send(OutboundRequest(url: URL(string: "http://127.0.0.1:\(server.port)/slow")!, timeout: .milliseconds(300)))
            }
        }
    }

    @Test("a slow server hits the call's timeout")
    func slowServer() async throws {
        // The answer would come after 2 s: only the deadline makes this a timeout.
        try await withClient { http, server, _ in
            _ = await expectError(.timeout) {
                _ = try await http.send(untrusted("http://public.test:\(server.port)/slow") { $0.timeout = .milliseconds(300) })
            }
        }
    }

    @Test("a gzip bomb stops at the decompression limit")
    func gzipBomb() async throws {
        try await withClient { http, server, _ in
            _ = await expectError(.decompressionLimit) {
                _ = try await http.send(untrusted("http://public.test:\(server.port)/bomb") { $0.maxBodyBytes = 64 * 1024 })
            }
        }
    }

    @Test("a response of the wrong content type is refused")
    func wrongContentType() async throws {
        try await withClient { http, server, _ in
            _ = await expectError(.unexpectedContentType) {
                _ = try await http.send(
                    untrusted("http://public.test:\(server.port)/json") { $0.acceptedContentTypes = ["text/html", "application/xhtml+xml"] })
            }
            let page = try await http.send(untrusted("http://public.test:\(server.port)/ok") { $0.acceptedContentTypes = ["text/html"] })
            #expect(page.isSuccess)
        }
    }

    @Test("If-None-Match with the current ETag answers 304 and exposes the validators")
    func conditional() async throws {
        try await withClient { http, server, _ in
            let first = try await http.send(untrusted("http://public.test:\(server.port)/conditional"))
            #expect(first.status == .ok)
            #expect(first.etag == "\"v1\"")
            #expect(first.lastModified == "Wed, 01 Jan 2025 00:00:00 GMT")
            let again = try await http.send(
                untrusted("http://public.test:\(server.port)/conditional") {
                    $0.ifNoneMatch = first.etag
                    $0.ifModifiedSince = first.lastModified
                    $0.acceptedContentTypes = ["text/html"]
                })
            #expect(again.isNotModified)
            #expect(again.body.isEmpty)
        }
    }

    @Test("https is required when asked, and the standard policy refuses loopback")
    func schemesAndLoopback() async throws {
        try await withClient(allowTestServer: false) { http, server, connections in
            var request = untrusted("http://public.test:\(server.port)/ok")
            request.destination = .untrusted(requireHTTPS: true)
            _ = await expectError(.unsupportedScheme) { _ = try await http.send(request) }
            _ = await expectError(.unsupportedScheme) { _ = try await http.send(untrusted("ftp://public.test/x")) }
            _ = await expectError(.blockedAddress) { _ = try await http.send(untrusted("http://127.0.0.1:\(server.port)/ok")) }
            _ = await expectError(.resolutionFailed) { _ = try await http.send(untrusted("http://unknown.test:\(server.port)/ok")) }
            #expect(connections.remoteAddresses.isEmpty)
        }
    }

    @Test("allowPrivateHosts lets a loopback fetch through")
    func allowPrivateHosts() async throws {
        try await withClient(allowPrivate: true) { http, server, connections in
            let response = try await http.send(untrusted("http://127.0.0.1:\(server.port)/ok"))
            #expect(response.status == .ok)
            #expect(connections.remoteAddresses == ["127.0.0.1"])
        }
    }

    @Test("a trusted JSON POST with a Bearer token goes through the sandbox and returns any status")
    func trustedThroughSandbox() async throws {
        try await withClient(sandbox: true) { http, server, _ in
            var headers = HTTPHeaders()
            headers.add(name: "Authorization", value: "Bearer tok-123")
            headers.add(name: "Content-Type", value: "application/json")
            let response = try await http.send(
                OutboundRequest(
                    url: URL(string: "https://graph.example/v1/me/feed?access_token=SECRET")!, method: .POST,
                    headers: headers, body: Data(#"{"message":"hi"}"#.utf8), timeout: .seconds(5)))
            #expect(response.status == .created)
            #expect(response.text == #"{"message":"hi"}"#)
            #expect(server.journal.paths == ["/graph.example/v1/me/feed"])
            #expect(server.journal.authorizations == ["Bearer tok-123"])
            let missing = try await http.send(OutboundRequest(url: URL(string: "https://status.example/status/503")!))
            #expect(missing.status == .notFound)
        }
    }
}
