/// A handler with its cache: renders each distinct input once while it stays cached. In front of
/// it, a second bounded cache keyed by the exact query string answers a repeated request without
/// decoding and checking its parameters again (the same string always yields the same input).
struct CachedFragment<Handler: FragmentHandler>: FragmentEndpoint {
    let handler: Handler
    let cache: FragmentCache<Handler.Input>
    let byRawQuery = FragmentCache<RawQuery>()

    /// A query string exactly as sent (after `?`), as a cache key.
    struct RawQuery: FragmentInput {
        let text: String
        var byteCount: Int { text.utf8.count }
    }

    var name: String { handler.name }

    init(_ handler: Handler, cache: FragmentCache<Handler.Input>) {
        self.handler = handler
        self.cache = cache
    }

    func fragment(for query: FragmentQuery) throws -> RenderedFragment {
        let input = try handler.input(query)
        if let cached = cache.fragment(for: input) { return cached }
        let fragment = RenderedFragment(html: try handler.render(input))
        cache.insert(fragment, for: input)
        return fragment
    }

    func fragment(forRawQuery query: String) -> RenderedFragment? { byRawQuery.fragment(for: RawQuery(text: query)) }

    func remember(_ fragment: RenderedFragment, forRawQuery query: String) { byRawQuery.insert(fragment, for: RawQuery(text: query)) }

    /// The rendered cache's counters; `hits` also counts answers by query string.
    var statistics: FragmentCacheStatistics {
        var statistics = cache.statistics
        statistics.hits += byRawQuery.statistics.hits
        return statistics
    }
}
