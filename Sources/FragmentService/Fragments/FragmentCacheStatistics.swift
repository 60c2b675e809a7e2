/// A fragment cache's counters, summed over its shards.
struct FragmentCacheStatistics: Sendable, Equatable {
    /// Fragments held now.
    var entries = 0
    /// What they cost against the byte bound.
    var bytes = 0
    /// Requests answered from the cache.
    var hits = 0
    /// Requests that had to render (valid input not in the cache).
    var misses = 0
    /// Fragments dropped to stay within the bounds.
    var evictions = 0
}
