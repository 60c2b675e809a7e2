/// In-memory cache of share-button fragments, keyed by the full fragment URL.
actor FragmentCache {
    /// Bound on entries; the demo has a handful of pages, so a full reset is enough.
    private let limit: Int
    private var entries: [String: CachedFragment] = [:]

    init(limit: Int = 512) { self.limit = limit }

    func entry(for key: String) -> CachedFragment? { entries[key] }

    func store(_ entry: CachedFragment, for key: String) {
        if entries[key] == nil, entries.count >= limit { entries.removeAll() }
        entries[key] = entry
    }

    func remove(_ key: String) { entries[key] = nil }
}
