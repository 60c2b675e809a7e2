import NIOConcurrencyHelpers

/// Query strings `InputValidationMiddleware` has accepted, with their decoded fields, so a query
/// string that comes again — every page view of a content app asks for the same share button —
/// is neither decoded nor checked again. Whether a query string is acceptable depends on its text
/// alone, so the answer for the exact same text cannot change.
///
/// Bounded by entries and bytes (least recently used out first), in shards each behind its own
/// lock, like `FragmentCache`. Refused query strings are not kept.
final class AcceptedQueryCache: Sendable {
    private let shards: [NIOLockedValueBox<LRUShard<String, FormFields>>]

    /// 4,096 query strings and 4 MiB by default.
    init(maxEntries: Int = 4096, maxBytes: Int = 4 * 1024 * 1024, shards: Int = 16) {
        let count = max(1, min(shards, max(1, maxEntries)))
        self.shards = (0..<count).map { _ in NIOLockedValueBox(LRUShard(maxEntries: maxEntries / count, maxBytes: maxBytes / count)) }
    }

    private func shard(for query: String) -> NIOLockedValueBox<LRUShard<String, FormFields>> {
        // `hashValue` is non-negative after masking; there is at least one shard.
        shards[(query.hashValue & Int.max) % shards.count]
    }

    /// The decoded fields of `query` when it was accepted before.
    func fields(for query: String) -> FormFields? {
        shard(for: query).withLockedValue { $0.value(for: query) }
    }

    /// Remembers an accepted query string. Its cost counts the raw text and the decoded text,
    /// which is never longer.
    func insert(_ fields: FormFields, for query: String) {
        shard(for: query).withLockedValue { $0.insert(fields, for: query, cost: 2 * query.utf8.count + 64) }
    }
}
