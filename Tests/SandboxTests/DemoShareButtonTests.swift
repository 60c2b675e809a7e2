import Foundation
import Hummingbird
import Testing
@testable import Sandbox

/// Detail pages embed the service's share-button fragment when it comes in time, cache it per
/// `Cache-Control`/ETag, and render without it when the service is down, slow or failing.
@Suite("Demo share button") struct DemoShareButtonTests {
    static let fragment = #"<a class="rose-ash-share" href="http://127.0.0.1/social/share/?url=x">Share</a>"#
    /// Where the fragment must arrive, a timeout no busy test machine reaches (the 400 ms default
    /// is for pages; the timeout itself is tested with a fragment held back on purpose).
    static let generous: Duration = .seconds(10)

    /// A fake service whose fragment answers with `cacheControl` and ETag `"v1"` (304 on a match).
    static func fragmentRouter(log: DemoRequestLog, cacheControl: String) -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/fragments/share-button") { request, _ -> Response in
            let entry = try await log.record(request)
            var headers: HTTPFields = [.cacheControl: cacheControl, .eTag: "\"v1\"", .contentType: "text/html; charset=utf-8"]
            if entry.headers["if-none-match"] == "\"v1\"" {
                headers[.contentType] = nil
                return Response(status: .notModified, headers: headers)
            }
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: fragment)))
        }
        return router
    }

    @Test("the fragment is inserted into the slot with every parameter encoded, and reused while fresh")
    func fragmentInsertedAndCached() async throws {
        let log = DemoRequestLog()
        try await DemoTestSupport.withFakeServer(Self.fragmentRouter(log: log, cacheControl: "public, max-age=60")) { service in
            try await withRunningDemoApps(serviceURL: "http://127.0.0.1:\(service)/", fragmentTimeout: Self.generous) { ports in
                let item = DemoCatalog.events[0]
                let pageURL = "\(ports.origin(of: .events))/events/\(item.slug)"
                let first = try await DemoTestSupport.fetch(pageURL)
                #expect(first.body.contains("<div class=\"share-slot\" id=\"share-button-slot\">"))
                #expect(first.body.contains(Self.fragment))
                let second = try await DemoTestSupport.fetch(pageURL)
                #expect(second.body.contains(Self.fragment))

                let requests = await log.entries
                #expect(requests.count == 1)
                let query = try #require(requests.first?.query)
                #expect(query["url"] == pageURL)
                #expect(query["title"] == item.title)
                #expect(query["description"] == item.summary)
                #expect(query["image"] == "\(ports.origin(of: .events))/images/\(item.slug).jpg")
                #expect(query["type"] == "event")
            }
        }
    }

    @Test("a stale fragment is revalidated with If-None-Match and a 304 reuses the cached body")
    func staleFragmentRevalidated() async throws {
        let log = DemoRequestLog()
        try await DemoTestSupport.withFakeServer(Self.fragmentRouter(log: log, cacheControl: "max-age=0")) { service in
            try await withRunningDemoApps(serviceURL: "http://127.0.0.1:\(service)", fragmentTimeout: Self.generous) { ports in
                let pageURL = "\(ports.origin(of: .market))/products/\(DemoCatalog.products[1].slug)"
                _ = try await DemoTestSupport.fetch(pageURL)
                let second = try await DemoTestSupport.fetch(pageURL)
                #expect(second.body.contains(Self.fragment))
                let requests = await log.entries
                #expect(requests.count == 2)
                #expect(requests.first?.headers["if-none-match"] == nil)
                #expect(requests.last?.headers["if-none-match"] == "\"v1\"")
                #expect(requests.last?.query["type"] == "product")
            }
        }
    }

    @Test("with the service stopped the page renders without the button, quickly")
    func serviceDown() async throws {
        let closed = try await DemoTestSupport.closedPort()
        try await withRunningDemoApps(serviceURL: "http://127.0.0.1:\(closed)") { ports in
            let page = try await DemoTestSupport.fetch("\(ports.origin(of: .blog))/posts/\(DemoCatalog.blogPosts[0].slug)")
            #expect(page.status == 200)
            #expect(!page.body.contains("share-button-slot"))
            #expect(page.body.contains("share-button fragment unavailable"))
        }
    }

    @Test("a fragment slower than the timeout is left out and the page still answers")
    func slowFragment() async throws {
        // The fragment is held back until the page has been fetched: without the 300 ms timeout
        // the page would wait for it and the fetch (10 s limit) would fail. No wall-clock
        // assertion, so a busy machine cannot make this flaky.
        let gate = Gate()
        let router = Router()
        router.get("/fragments/share-button") { _, _ -> Response in
            await gate.wait()
            return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: Self.fragment)))
        }
        try await DemoTestSupport.withFakeServer(router) { service in
            try await withRunningDemoApps(serviceURL: "http://127.0.0.1:\(service)", fragmentTimeout: .milliseconds(300)) { ports in
                let reply: DemoTestSupport.Reply
                do {
                    reply = try await DemoTestSupport.fetch("\(ports.origin(of: .blog))/posts/\(DemoCatalog.blogPosts[1].slug)")
                } catch {
                    await gate.open()
                    throw error
                }
                await gate.open()
                #expect(reply.status == 200)
                #expect(!reply.body.contains(Self.fragment))
            }
        }
    }

    @Test("a fragment answered with an error status is left out")
    func failingFragment() async throws {
        let router = Router()
        router.get("/fragments/share-button") { _, _ -> Response in
            Response(status: .internalServerError, body: .init(byteBuffer: ByteBuffer(string: "<p>oops</p>")))
        }
        try await DemoTestSupport.withFakeServer(router) { service in
            try await withRunningDemoApps(serviceURL: "http://127.0.0.1:\(service)") { ports in
                let page = try await DemoTestSupport.fetch("\(ports.origin(of: .market))/products/\(DemoCatalog.products[0].slug)")
                #expect(page.status == 200)
                #expect(!page.body.contains("oops"))
                #expect(!page.body.contains("share-button-slot"))
            }
        }
    }

    @Test("Cache-Control directives are read")
    func cacheControlParsing() {
        #expect(FragmentCacheControl(header: "public, max-age=120") == FragmentCacheControl(maxAge: 120))
        #expect(FragmentCacheControl(header: "max-age=60, no-cache") == FragmentCacheControl(maxAge: 0))
        #expect(FragmentCacheControl(header: "no-store") == FragmentCacheControl(noStore: true))
        #expect(FragmentCacheControl(header: nil) == FragmentCacheControl())
    }
}

/// Holds requests until the test opens it.
private actor Gate {
    private var isOpen = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func wait() async {
        if isOpen { return }
        await withCheckedContinuation { waiting.append($0) }
    }

    func open() {
        isOpen = true
        for continuation in waiting { continuation.resume() }
        waiting.removeAll()
    }
}
