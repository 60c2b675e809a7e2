import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import SocialCore
import Testing

@testable import Ingest

/// Runs a small content site on 127.0.0.1 for one test.
private func withContentSite<T: Sendable>(_ body: @Sendable (Int) async throws -> T) async throws -> T {
    let router = Router()
    router.get("post") { _, _ in
        Response(
            status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(
                byteBuffer: ByteBuffer(
                    string:
                        #"<html><head><title>T</title><meta property="og:title" content="Kiln diaries"><meta property="og:image" content="/img/k.jpg"></head></html>"#
                )))
    }
    router.get("feed") { request, _ in
        if request.headers[.ifNoneMatch] == "\"v1\"" { return Response(status: .notModified, headers: [.eTag: "\"v1\""]) }
        return Response(
            status: .ok, headers: [.contentType: "application/rss+xml", .eTag: "\"v1\""],
            body: .init(
                byteBuffer: ByteBuffer(
                    string:
                        #"<rss version="2.0"><channel><title>Blog</title><item><title>One</title><link>https://blog.example/one</link></item></channel></rss>"#
                )))
    }
    router.get("json") { _, _ in
        Response(status: .ok, headers: [.contentType: "application/octet-stream"], body: .init(byteBuffer: ByteBuffer(string: "x")))
    }
    let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
    var logger = Logger(label: "site")
    logger.logLevel = .error
    let app = Application(
        router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
        onServerRunning: { continuation.yield($0.localAddress?.port ?? 0) }, logger: logger)
    let group = ServiceGroup(services: [app], gracefulShutdownSignals: [], logger: logger)
    return try await withThrowingTaskGroup(of: Void.self) { tasks in
        tasks.addTask { try await group.run() }
        var iterator = ports.makeAsyncIterator()
        let port = await iterator.next() ?? 0
        defer { Task { await group.triggerGracefulShutdown() } }
        return try await body(port)
    }
}

private func fetcher(allowingLoopback: Bool) -> (ContentFetcher, OutboundHTTP) {
    var logger = Logger(label: "fetch")
    logger.logLevel = .error
    let policy = allowingLoopback ? AddressPolicy(alsoAllowing: [IPAddress(v4: 127, 0, 0, 1)]) : .standard
    let http = OutboundHTTP(settings: OutboundSettings(userAgent: "test", addressPolicy: policy), logger: logger)
    return (ContentFetcher(http: http), http)
}

@Suite struct ContentFetcherTests {
    @Test func fetchesAPageAndResolvesRelativeImagesAgainstIt() async throws {
        try await withContentSite { port in
            let (fetcher, http) = fetcher(allowingLoopback: true)
            let metadata = try await fetcher.metadata(for: URL(string: "http://127.0.0.1:\(port)/post")!)
            #expect(metadata.title == "Kiln diaries")
            #expect(metadata.image?.url == "http://127.0.0.1:\(port)/img/k.jpg")
            try await http.shutdown()
        }
    }

    @Test func feedIsFetchedOnceThenAnswered304WithItsETag() async throws {
        try await withContentSite { port in
            let (fetcher, http) = fetcher(allowingLoopback: true)
            let url = URL(string: "http://127.0.0.1:\(port)/feed")!
            let first = try #require(try await fetcher.feed(at: url, validators: nil))
            #expect(first.feed.items.map(\.link) == ["https://blog.example/one"])
            #expect(first.validators.etag == "\"v1\"")
            #expect(try await fetcher.feed(at: url, validators: first.validators) == nil)
            try await http.shutdown()
        }
    }

    @Test func loopbackIsRefusedUnderTheStandardPolicyAndWrongTypesAreRefused() async throws {
        try await withContentSite { port in
            let (strict, strictHTTP) = fetcher(allowingLoopback: false)
            await #expect(throws: OutboundError.blockedAddress) { try await strict.metadata(for: URL(string: "http://127.0.0.1:\(port)/post")!) }
            try await strictHTTP.shutdown()
            let (fetcher, http) = fetcher(allowingLoopback: true)
            await #expect(throws: OutboundError.unexpectedContentType) {
                try await fetcher.metadata(for: URL(string: "http://127.0.0.1:\(port)/json")!)
            }
            try await http.shutdown()
        }
    }
}
