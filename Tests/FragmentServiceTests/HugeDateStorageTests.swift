import Foundation
import Ingest
import PostgresNIO
import Testing

@testable import FragmentService

/// A page whose date has a huge year once gave a `Date` that trapped when PostgreSQL bound it,
/// so a publish event for it crashed the service, and again after every restart when the event
/// was claimed anew. Now the page has no date and the record is stored.
@Suite(.enabled(if: TestDatabase.isAvailable, "set TEST_DATABASE_URL (make test does)"))
struct HugeDateStorageTests {
    @Test func aPageWithAHugeYearIsStoredWithoutADate() async throws {
        let url = "https://blog.rose-ash.example/posts/far-future"
        let html = """
            <html><head><title>Far future</title>
            <meta property="article:published_time" content="1 Jan 1000000 00:00:00 GMT">
            </head><body></body></html>
            """
        let metadata = try HTMLMetadataExtractor.extract(html: Array(html.utf8), documentURL: URL(string: url)!, contentType: "text/html")
        try await TestDatabase.withDatabase { client in
            let items = PostgresContentItemRepository(client: client, logger: TestDatabase.logger)
            let id = try await items.upsert(ContentRecord.scraped(metadata, requestedURL: url))
            let stored = try #require(try await items.find(id: id))
            #expect(stored.title == "Far future")
            #expect(stored.publishedAt == nil)
        }
    }
}
