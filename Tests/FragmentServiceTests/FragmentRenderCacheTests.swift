import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FragmentService

/// Each distinct fragment is rendered once and answered from a bounded cache; bad input
/// is refused every time and never cached.
@Suite struct FragmentRenderCacheTests {
    /// Counts calls from concurrent requests.
    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        func increment() { lock.withLock { count += 1 } }
        var value: Int { lock.withLock { count } }
    }

    /// A fragment that says how often it was rendered: `?text=…` (required) is echoed.
    struct CountingFragment: FragmentHandler {
        struct Input: FragmentInput {
            let text: String
            var byteCount: Int { text.utf8.count }
        }

        let name = "counting"
        let renders: Counter
        var inputs = Counter()

        func input(_ query: FragmentQuery) throws -> Input {
            inputs.increment()
            guard let text = try query.value("text") else { throw FragmentError.badParameter("text", "is required") }
            return Input(text: text)
        }

        func render(_ input: Input) throws -> String {
            renders.increment()
            return "<p>\(input.text)</p>"
        }
    }

    /// The fragment routes as the app mounts them: input validation, then the controller.
    static func app(_ registry: FragmentRegistry) -> some ApplicationProtocol {
        let router = Router(context: AppRequestContext.self)
        router.add(middleware: InputValidationMiddleware())
        FragmentController(registry: registry).addRoutes(to: router.group("fragments"))
        return Application(router: router)
    }

    static func shareButton() async throws -> (FragmentRegistry, any FragmentEndpoint) {
        let registry = FragmentRegistry.standard(
            views: try await Views.load(), publicBaseURL: try #require(URL(string: "http://account.rose-ash.test")))
        return (registry, try #require(registry.endpoint(named: "share-button")))
    }

    @Test func anIdenticalQueryStringIsAnsweredWithoutCheckingItsParametersAgain() async throws {
        let renders = Counter()
        let fragment = CountingFragment(renders: renders)
        let registry = FragmentRegistry([CachedFragment(fragment, cache: FragmentCache())])
        try await Self.app(registry).test(.router) { client in
            for uri in ["/fragments/counting?text=hello", "/fragments/counting?text=hello", "/fragments/counting?text=hello&x=1"] {
                try await client.execute(uri: uri, method: .get) { #expect($0.status == .ok && String(buffer: $0.body) == "<p>hello</p>") }
            }
            // The repeat skipped the parameters; another spelling of the same input was checked
            // once and came from the rendered cache.
            #expect(fragment.inputs.value == 2 && renders.value == 1)
            // Refused input is never remembered: it is refused every time.
            for _ in 0..<2 {
                try await client.execute(uri: "/fragments/counting?other=1", method: .get) { #expect($0.status == .badRequest) }
            }
            #expect(fragment.inputs.value == 4)
        }
    }

    @Test func theSecondIdenticalRequestIsServedFromTheCacheWithoutRendering() async throws {
        let renders = Counter()
        let registry = FragmentRegistry([CachedFragment(CountingFragment(renders: renders), cache: FragmentCache())])
        try await Self.app(registry).test(.router) { client in
            let first = try await client.execute(uri: "/fragments/counting?text=hello", method: .get) { ($0.status, String(buffer: $0.body)) }
            let second = try await client.execute(uri: "/fragments/counting?text=hello", method: .get) { ($0.status, String(buffer: $0.body)) }
            #expect(first.0 == .ok && second.0 == .ok)
            #expect(first.1 == "<p>hello</p>" && second.1 == first.1)
            #expect(renders.value == 1)
            _ = try await client.execute(uri: "/fragments/counting?text=other", method: .get) { #expect($0.status == .ok) }
            #expect(renders.value == 2)
        }
    }

    @Test func shareButtonsWithTheSameNormalisedParametersShareOneRender() async throws {
        let (registry, endpoint) = try await Self.shareButton()
        try await Self.app(registry).test(.router) { client in
            // Encoded differently, padded, with empty optional parameters: the same button.
            for uri in [
                "/fragments/share-button?url=https%3A%2F%2Fblog.example%2Fk&title=Kiln+diaries",
                "/fragments/share-button?title=Kiln%20diaries&url=https://blog.example/k",
                "/fragments/share-button?url=https%3A%2F%2Fblog.example%2Fk&title=+Kiln+diaries+&image=&type=",
            ] {
                try await client.execute(uri: uri, method: .get) { #expect($0.status == .ok, "\(uri)") }
            }
        }
        let statistics = endpoint.statistics
        #expect(statistics.misses == 1)
        #expect(statistics.hits == 2)
        #expect(statistics.entries == 1)
    }

    @Test func aCachedFragmentAnswersIfNoneMatchWith304AndTheRenderedETag() async throws {
        let (registry, endpoint) = try await Self.shareButton()
        let uri = "/fragments/share-button?url=https%3A%2F%2Fblog.example%2Fk"
        try await Self.app(registry).test(.router) { client in
            let (etag, body) = try await client.execute(uri: uri, method: .get) { (try #require($0.headers[.eTag]), String(buffer: $0.body)) }
            #expect(etag == EntityTag.strong(for: body))
            try await client.execute(uri: uri, method: .get, headers: [.ifNoneMatch: "W/\(etag)"]) { response in
                #expect(response.status == .notModified)
                #expect(response.body.readableBytes == 0)
                #expect(response.headers[.eTag] == etag)
                #expect(response.headers[.cacheControl] == "public, max-age=300")
            }
        }
        #expect(endpoint.statistics.misses == 1)
        #expect(endpoint.statistics.hits == 1)
    }

    @Test func badInputIsRefusedEveryTimeAndNeverCached() async throws {
        let (registry, endpoint) = try await Self.shareButton()
        try await Self.app(registry).test(.router) { client in
            for _ in 0..<2 {
                try await client.execute(uri: "/fragments/share-button?url=javascript%3Aalert(1)", method: .get) { response in
                    #expect(response.status == .badRequest)
                    #expect(String(buffer: response.body).contains("Parameter \"url\""))
                }
            }
        }
        #expect(endpoint.statistics == FragmentCacheStatistics())
    }

    @Test func theFragmentReadsTheQueryTheMiddlewareAlreadyDecoded() async throws {
        let (registry, _) = try await Self.shareButton()
        let router = Router(context: AppRequestContext.self)
        // Stands in for InputValidationMiddleware: a decoding that differs from the raw query shows which one was used.
        router.add(middleware: DecodedQueryStub(fields: FormFields(pairs: [("url", "https://from-the-context.example/")])))
        FragmentController(registry: registry).addRoutes(to: router.group("fragments"))
        try await Application(router: router).test(.router) { client in
            try await client.execute(uri: "/fragments/share-button?url=https%3A%2F%2Fraw.example%2F", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("from-the-context.example"))
                #expect(!html.contains("raw.example"))
            }
        }
    }

    struct DecodedQueryStub: RouterMiddleware {
        let fields: FormFields
        func handle(
            _ request: Request, context: AppRequestContext, next: (Request, AppRequestContext) async throws -> Response
        ) async throws -> Response {
            var context = context
            context.decodedQuery = fields
            return try await next(request, context)
        }
    }

    @Test func theCacheStaysWithinItsBoundsUnderManyDistinctKeys() {
        let cache = FragmentCache<CountingFragment.Input>(maxEntries: 50, maxBytes: 40_000, shards: 4)
        for index in 0..<2_000 {
            let text = String(repeating: "x", count: index % 700)
            cache.insert(RenderedFragment(html: "<p>\(index)\(text)</p>"), for: .init(text: "\(index)\(text)"))
            let statistics = cache.statistics
            #expect(statistics.entries <= 50)
            #expect(statistics.bytes <= 40_000)
            if statistics.entries > 50 || statistics.bytes > 40_000 { break }
        }
        let statistics = cache.statistics
        #expect(statistics.entries > 0)
        #expect(statistics.evictions >= 2_000 - 50)
        // One fragment bigger than a shard's share of the bytes is answered but not kept.
        let huge = CountingFragment.Input(text: String(repeating: "h", count: 20_000))
        cache.insert(RenderedFragment(html: huge.text), for: huge)
        #expect(cache.fragment(for: huge) == nil)
    }

    @Test func theLeastRecentlyUsedFragmentIsEvictedFirst() {
        var shard = LRUShard<String, Int>(maxEntries: 2, maxBytes: 100)
        shard.insert(1, for: "a", cost: 10)
        shard.insert(2, for: "b", cost: 10)
        #expect(shard.value(for: "a") == 1)  // "b" is now the least recently used
        shard.insert(3, for: "c", cost: 10)
        #expect(shard.value(for: "b") == nil)
        #expect(shard.value(for: "a") == 1)
        #expect(shard.value(for: "c") == 3)
        // Over the byte bound: everything older goes until the new entry fits.
        shard.insert(4, for: "d", cost: 95)
        #expect(shard.count == 1 && shard.bytes == 95)
        #expect(shard.value(for: "d") == 4)
        #expect(shard.evictions == 3)
    }
}
