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
                published_at, fetched_at)
            VALUES (\(r.canonicalURL), \(r.contentType), \(r.title), \(r.description), \(r.imageURL), \(r.imageAlt), \(r.siteName),
                \(r.author), \(r.tags), \(r.publishedAt), \(r.fetchedAt))
            ON CONFLICT (canonical_url) DO UPDATE SET content_type = EXCLUDED.content_type, title = EXCLUDED.title,
                description = EXCLUDED.description, image_url = EXCLUDED.image_url, image_alt = EXCLUDED.image_alt, site_name = EXCLUDED.site_name,
                author = EXCLUDED.author, tags = EXCLUDED.tags, published_at = EXCLUDED.published_at,
                fetched_at = COALESCE(EXCLUDED.fetched_at, content_items.fetched_at), updated_at = now()
            RETURNING id
            """, logger: logger)
        for try await id in rows.decode(Int64.self) { return id }
        throw PostgresRepositoryError.noRowReturned
    }

    func find(canonicalURL: String) async throws -> ContentRecord? {
        try await find(
            """
            SELECT canonical_url, content_type, title, description, image_url, site_name, author, tags, published_at, fetched_at, image_alt
            FROM content_items WHERE canonical_url = \(canonicalURL)
            """)
    }

    func find(id: Int64) async throws -> ContentRecord? {
        try await find(
            """
            SELECT canonical_url, content_type, title, description, image_url, site_name, author, tags, published_at, fetched_at, image_alt
            FROM content_items WHERE id = \(id)
            """)
    }

    private func find(_ query: PostgresQuery) async throws -> ContentRecord? {
        let rows = try await client.query(query, logger: logger)
        for try await c in rows.decode((String, String?, String?, String?, String?, String?, String?, [String], Date?, Date?, String?).self) {
            return ContentRecord(
                canonicalURL: c.0, contentType: c.1, title: c.2, description: c.3, imageURL: c.4, imageAlt: c.10, siteName: c.5, author: c.6,
                tags: c.7, publishedAt: c.8, fetchedAt: c.9)
        }
        return nil
    }
}
