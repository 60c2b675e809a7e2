/// `ContentItemRepository` in memory, for router tests.
actor MemoryContentItemRepository: ContentItemRepository {
    private var items: [String: (id: Int64, record: ContentRecord)] = [:]

    func upsert(_ record: ContentRecord) async throws -> Int64 {
        let id = items[record.canonicalURL]?.id ?? Int64(items.count + 1)
        items[record.canonicalURL] = (id, record)
        return id
    }

    func find(canonicalURL: String) async throws -> ContentRecord? { items[canonicalURL]?.record }
    func find(id: Int64) async throws -> ContentRecord? { items.values.first { $0.id == id }?.record }
    func find(ids: [Int64]) async throws -> [Int64: ContentRecord] {
        let wanted = Set(ids)
        return Dictionary(items.values.filter { wanted.contains($0.id) }.map { ($0.id, $0.record) }, uniquingKeysWith: { first, _ in first })
    }
}
