import Foundation
import Logging
import PostgresNIO

/// `ContentItemRepository` over `content_items` (canonical URL unique).
struct PostgresContentItemRepository: ContentItemRepository {
    let client: PostgresClient
    let logger: Logger

    func upsert(_ r: ContentRecord) async throws -> Int64 {
        let rows = try await client.query(
            """
            INSERT INTO content_items (canonical_url, content_type, title, description, image_url, image_alt, site_name, author, tags,
                published_at, fetched_at, language)
            VALUES (\(r.canonicalURL), \(r.contentType), \(r.title), \(r.description), \(r.imageURL), \(r.imageAlt), \(r.siteName),
                \(r.author), \(r.tags), \(r.publishedAt), \(r.fetchedAt), \(r.language))
            ON CONFLICT (canonical_url) DO UPDATE SET content_type = EXCLUDED.content_type, title = EXCLUDED.title,
                description = EXCLUDED.description, image_url = EXCLUDED.image_url, image_alt = EXCLUDED.image_alt, site_name = EXCLUDED.site_name,
                author = EXCLUDED.author, tags = EXCLUDED.tags, published_at = EXCLUDED.published_at,
                fetched_at = COALESCE(EXCLUDED.fetched_at, content_items.fetched_at),
                language = COALESCE(EXCLUDED.language, content_items.language), updated_at = now()
            RETURNING id
            """, logger: logger)
        for try await id in rows.decode(Int64.self) { return id }
        throw PostgresRepositoryError.noRowReturned
    }

    func find(canonicalURL: String) async throws -> ContentRecord? {
        try await records("SELECT \(unescaped: Self.columns), id FROM content_items WHERE canonical_url = \(canonicalURL)").first?.record
    }

    func find(id: Int64) async throws -> ContentRecord? {
        try await records("SELECT \(unescaped: Self.columns), id FROM content_items WHERE id = \(id)").first?.record
    }

    func find(ids: [Int64]) async throws -> [Int64: ContentRecord] {
        guard !ids.isEmpty else { return [:] }
        let unique = Array(Set(ids))
        return Dictionary(
            try await records("SELECT \(unescaped: Self.columns), id FROM content_items WHERE id = ANY (\(unique))").map { ($0.id, $0.record) },
            uniquingKeysWith: { first, _ in first })
    }

    /// Every column of a record, in the order `records` decodes them (a code constant).
    private static let columns =
        "canonical_url, content_type, title, description, image_url, site_name, author, tags, published_at, fetched_at, image_alt, language"

    private func records(_ query: PostgresQuery) async throws -> [(id: Int64, record: ContentRecord)] {
        var result: [(id: Int64, record: ContentRecord)] = []
        for try await c in try await client.query(query, logger: logger)
            .decode((String, String?, String?, String?, String?, String?, String?, [String], Date?, Date?, String?, String?, Int64).self)
        {
            result.append(
                (
                    c.12,
                    ContentRecord(
                        canonicalURL: c.0, contentType: c.1, title: c.2, description: c.3, imageURL: c.4, imageAlt: c.10, siteName: c.5, author: c.6,
                        tags: c.7, publishedAt: c.8, fetchedAt: c.9, language: c.11)
                ))
        }
        return result
    }
}
