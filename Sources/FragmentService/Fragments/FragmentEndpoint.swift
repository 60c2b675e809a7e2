/// A named fragment as the controller sees it: query in, rendered fragment out.
protocol FragmentEndpoint: Sendable {
    /// The name under `/fragments/`.
    var name: String { get }
    /// The fragment for `query`, from the cache when it was rendered before. Throws a
    /// `FragmentError` (400) for unacceptable parameters; nothing is cached then.
    func fragment(for query: FragmentQuery) throws -> RenderedFragment
    /// The cache's counters.
    var statistics: FragmentCacheStatistics { get }
}
