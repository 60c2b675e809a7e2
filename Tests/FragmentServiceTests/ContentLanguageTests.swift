import Foundation
import Ingest
import PostgresNIO
import Testing

@testable import FragmentService

/// A page's declared language reaches the record (as a tag, or not at all), is stored, and goes
/// with the auto-share's content.
@Suite struct ContentLanguageTests {
    static let url = "https://blog.rose-ash.example/posts/kiln"

    static func page(lang: String) throws -> ContentMetadata {
        let html = "<html lang=\"\(lang)\"><head><title>Kiln</title></head><body></body></html>"
        return try HTMLMetadataExtractor.extract(html: Array(html.utf8), documentURL: try #require(URL(string: url)), contentType: "text/html")
    }

    @Test func thePagesLanguageIsKeptAsATagAndAnUnreadableOneIsDropped() throws {
        let event = PublishEvent(
            id: 1, appID: "blog", eventID: "e1", source: .webhook, contentType: "blog_post", url: Self.url, title: nil, description: nil,
            imageURL: nil, tags: [], authorUserID: nil, publishedAt: nil, state: .received, stateDetail: nil, attempts: 0, contentItemID: nil,
            receivedAt: Date(), resolvedAt: nil)
        #expect(ContentRecord.merge(event: event, scraped: try Self.page(lang: "en_gb"), app: nil).language == "en-GB")
        #expect(ContentRecord.merge(event: event, scraped: try Self.page(lang: "not a language"), app: nil).language == nil)
        #expect(ContentRecord.merge(event: event, scraped: nil, app: nil).language == nil)
        #expect(ContentRecord.scraped(try Self.page(lang: "ja"), requestedURL: Self.url).language == "ja")
    }

    @Test(.enabled(if: TestDatabase.isAvailable, "set TEST_DATABASE_URL (make test does)"))
    func theLanguageIsStoredAndReadBack() async throws {
        try await TestDatabase.withDatabase { client in
            let items = PostgresContentItemRepository(client: client, logger: TestDatabase.logger)
            let id = try await items.upsert(ContentRecord.scraped(try Self.page(lang: "de-AT"), requestedURL: Self.url))
            #expect(try await items.find(id: id)?.language == "de-AT")
            // A later record without a language keeps the one the page gave.
            _ = try await items.upsert(ContentRecord(canonicalURL: Self.url, title: "Kiln", tags: []))
            #expect(try await items.find(id: id)?.language == "de-AT")
        }
    }
}
