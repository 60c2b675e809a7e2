import Hummingbird
import HummingbirdTesting
import Testing

@testable import FragmentService

/// A query string accepted once is not decoded and checked again; refused ones are
/// refused every time, and the memory it takes is bounded.
@Suite struct AcceptedQueryCacheTests {
    static func app(_ cache: AcceptedQueryCache) -> some ApplicationProtocol {
        let router = Router(context: AppRequestContext.self)
        router.add(middleware: InputValidationMiddleware(accepted: cache))
        router.get("echo") { _, context in (context.decodedQuery?.pairs ?? []).map { "\($0.0)=\($0.1)" }.joined(separator: ";") }
        return Application(router: router)
    }

    @Test func anAcceptedQueryStringIsRememberedDecodedAndARefusedOneNever() async throws {
        let cache = AcceptedQueryCache()
        try await Self.app(cache).test(.router) { client in
            for _ in 0..<2 {
                try await client.execute(uri: "/echo?title=Kiln+diaries&tag=%C3%A9maux", method: .get) {
                    #expect($0.status == .ok && String(buffer: $0.body) == "title=Kiln diaries;tag=émaux")
                }
            }
            #expect(cache.fields(for: "title=Kiln+diaries&tag=%C3%A9maux")?.pairs.map(\.1) == ["Kiln diaries", "émaux"])
            for _ in 0..<2 {
                try await client.execute(uri: "/echo?title=a%00b", method: .get) { #expect($0.status == .badRequest) }
            }
            #expect(cache.fields(for: "title=a%00b") == nil)
        }
    }

    @Test func itHoldsNoMoreThanItsBounds() {
        let cache = AcceptedQueryCache(maxEntries: 4, maxBytes: 1 << 20, shards: 1)
        for n in 0..<10 { cache.insert(FormFields("n=\(n)"), for: "n=\(n)") }
        #expect((0..<10).filter { cache.fields(for: "n=\($0)") != nil } == [6, 7, 8, 9])
        let small = AcceptedQueryCache(maxEntries: 100, maxBytes: 300, shards: 1)
        let long = String(repeating: "x", count: 100)
        for n in 0..<5 { small.insert(FormFields("q=\(n)\(long)"), for: "q=\(n)\(long)") }
        #expect((0..<5).filter { small.fields(for: "q=\($0)\(long)") != nil }.count == 1)
    }
}
