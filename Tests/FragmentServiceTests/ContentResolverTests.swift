import Foundation
import Ingest
import Testing

@testable import FragmentService

/// A page source that answers from memory and counts its fetches.
actor CountingPages: PageMetadataSource {
    private(set) var fetches = 0
    var failing = false
    func setFailing(_ value: Bool) { failing = value }

    func metadata(for url: URL) async throws -> ContentMetadata {
        fetches += 1
        if failing { throw CommandFailure(description: "unreachable") }
        return ContentMetadata(
            url: url.absoluteString, title: "Scraped title", description: "Scraped description", siteName: "Blog", type: "article",
            locale: nil, author: nil, image: ContentImage(url: "https://blog.example/i.jpg", width: nil, height: nil, alt: nil),
            publishedAt: nil, updatedAt: nil, tags: ["kilns"], event: nil, product: nil)
    }
}

@Suite struct ContentResolverTests {
    @Test func aRecordIsStoredReusedWhileFreshAndReadAgainWhenStale() async throws {
        let items = MemoryContentItemRepository()
        let pages = CountingPages()
        let resolver = ContentResolver(items: items, pages: pages)
        let url = "https://blog.example/post"
        #expect(await resolver.resolve(url)?.title == "Scraped title")
        #expect(await resolver.resolve(url)?.title == "Scraped title")
        #expect(await pages.fetches == 1)
        #expect(try await items.find(canonicalURL: url)?.imageURL == "https://blog.example/i.jpg")
        _ = await resolver.resolve(url, now: Date().addingTimeInterval(7 * 3600))
        #expect(await pages.fetches == 2)
        // When the page cannot be read, the stale record still answers.
        await pages.setFailing(true)
        #expect(await resolver.resolve(url, now: Date().addingTimeInterval(14 * 3600))?.title == "Scraped title")
    }

    @Test func whatTheContentAppSentWinsOverWhatWasScraped() async throws {
        let items = MemoryContentItemRepository()
        let url = "https://blog.example/from-webhook"
        _ = try await items.upsert(ContentRecord(canonicalURL: url, contentType: "blog_post", title: "The app's title", tags: ["pottery"]))
        let record = await ContentResolver(items: items, pages: CountingPages()).resolve(url)
        #expect(record?.title == "The app's title")
        #expect(record?.description == "Scraped description")
        #expect(record?.tags == ["pottery"])
    }
}
