/// A named fragment as the controller sees it: query in, rendered fragment out.
protocol FragmentEndpoint: Sendable {
    /// The name under `/fragments/`.
    var name: String { get }
    /// The fragment for `query`, from the cache when it was rendered before. Throws a
    /// `FragmentError` (400) for unacceptable parameters; nothing is cached then.
    func fragment(for query: FragmentQuery) throws -> RenderedFragment
    /// The fragment an identical query string got before, without decoding or checking it again.
    func fragment(forRawQuery query: String) -> RenderedFragment?
    /// Remembers what `query`, a query string that passed every check, rendered to.
    func remember(_ fragment: RenderedFragment, forRawQuery query: String)
    /// The cache's counters.
    var statistics: FragmentCacheStatistics { get }
}
