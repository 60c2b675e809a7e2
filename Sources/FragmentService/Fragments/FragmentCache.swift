import NIOConcurrencyHelpers

/// The rendered fragments, keyed by the handler's normalised input (a fragment is
/// fetched on every content page view, and most pages ask for the same few buttons again).
///
/// Bounded by entry count and by bytes (body, tag, headers and key), least recently used out
/// first. The bounds are split evenly over `shards`, each behind its own lock, so concurrent
/// requests for different fragments rarely wait for one another; the totals never exceed the
/// bounds given. Only successful renders are stored: bad input is refused before a key exists.
final class FragmentCache<Key: FragmentInput>: Sendable {
    /// The default bounds: 10,000 entries and 32 MiB.
    static var defaultMaxEntries: Int { 10_000 }
    static var defaultMaxBytes: Int { 32 * 1024 * 1024 }

    private struct Shard: Sendable {
        var entries: LRUShard<Key, RenderedFragment>
        var hits = 0
        var misses = 0
    }

    private let shards: [NIOLockedValueBox<Shard>]
    /// Upper bounds of the whole cache (the sum over the shards).
    let maxEntries: Int
    let maxBytes: Int

    init(maxEntries: Int = defaultMaxEntries, maxBytes: Int = defaultMaxBytes, shards: Int = 16) {
        let count = max(1, min(shards, max(1, maxEntries)))
        self.maxEntries = max(0, maxEntries)
        self.maxBytes = max(0, maxBytes)
        self.shards = (0..<count).map { _ in
            NIOLockedValueBox(Shard(entries: LRUShard(maxEntries: maxEntries / count, maxBytes: maxBytes / count)))
        }
    }

    private func shard(for key: Key) -> NIOLockedValueBox<Shard> {
        // `hashValue` is non-negative after masking; the shard count is at least 1.
        shards[(key.hashValue & Int.max) % shards.count]
    }

    /// The cached fragment for `key`, counted as a hit or a miss.
    func fragment(for key: Key) -> RenderedFragment? {
        shard(for: key).withLockedValue { shard in
            let found = shard.entries.value(for: key)
            if found == nil { shard.misses += 1 } else { shard.hits += 1 }
            return found
        }
    }

    /// Stores `fragment` for `key`, evicting least recently used entries to stay in bounds.
    func insert(_ fragment: RenderedFragment, for key: Key) {
        let cost = fragment.byteCount + key.byteCount
        shard(for: key).withLockedValue { $0.entries.insert(fragment, for: key, cost: cost) }
    }

    /// Totals over every shard.
    var statistics: FragmentCacheStatistics {
        shards.reduce(into: FragmentCacheStatistics()) { total, box in
            box.withLockedValue { shard in
                total.entries += shard.entries.count
                total.bytes += shard.entries.bytes
                total.evictions += shard.entries.evictions
                total.hits += shard.hits
                total.misses += shard.misses
            }
        }
    }
}
