/// One resolved record per canonical content URL.
protocol ContentItemRepository: Sendable {
    /// Inserts or refreshes the record for its canonical URL; returns its id.
    func upsert(_ record: ContentRecord) async throws -> Int64
    /// The record for a canonical URL.
    func find(canonicalURL: String) async throws -> ContentRecord?
    /// The record with this id.
    func find(id: Int64) async throws -> ContentRecord?
    /// The records with these ids that exist, by id (one statement).
    func find(ids: [Int64]) async throws -> [Int64: ContentRecord]
}
