/// A handler with its cache: renders each distinct input once while it stays cached.
struct CachedFragment<Handler: FragmentHandler>: FragmentEndpoint {
    let handler: Handler
    let cache: FragmentCache<Handler.Input>

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

    var statistics: FragmentCacheStatistics { cache.statistics }
}
