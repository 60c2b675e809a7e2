import Foundation
import Testing

@testable import Ingest

/// Items without link or title are kept when something identifies them, and
/// the dc, content, media and itunes namespaces stand in for missing RSS elements.
@Suite("Feed item fallbacks")
struct FeedItemFallbackTests {
    static let feedURL = URL(string: "https://podcast.rose-ash.example/feed.xml")!

    static let feed = """
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/"
             xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:content="http://purl.org/rss/1.0/modules/content/">
        <channel><title>Kiln Radio</title>
          <item><guid isPermaLink="false">kiln-radio-1</guid></item>
          <item><guid isPermaLink="false">kiln-radio-2</guid><dc:title>Episode two</dc:title><dc:date>2024-05-01T10:00:00Z</dc:date></item>
          <item><guid isPermaLink="false">kiln-radio-3</guid><media:title>Episode three</media:title><itunes:summary>Three &amp; more.</itunes:summary></item>
          <item><guid isPermaLink="false">kiln-radio-4</guid><itunes:subtitle>Episode four</itunes:subtitle><content:encoded><![CDATA[<p>Four</p>]]></content:encoded></item>
          <item><dc:date>2024-05-05T10:00:00Z</dc:date></item>
        </channel></rss>
        """

    @Test("Items identified by guid alone, or with only a date, are kept")
    func guidOnlyItemsKept() throws {
        let parsed = try FeedParser.parse(data: Array(Self.feed.utf8), feedURL: Self.feedURL, contentType: nil)
        #expect(parsed.items.count == 5)
        #expect(parsed.items.first?.id == "kiln-radio-1")
        #expect(parsed.items.first?.link == nil)
        #expect(parsed.items[4].publishedAt == Fixture.date("2024-05-05T10:00:00Z"))
        #expect(parsed.problems.isEmpty)
    }

    @Test("Title falls back to dc:title, media:title, itunes:subtitle; summary to content:encoded and itunes:summary")
    func namespaceFallbacks() throws {
        let items = try FeedParser.parse(data: Array(Self.feed.utf8), feedURL: Self.feedURL, contentType: nil).items
        try #require(items.count == 5)
        #expect(items[1].title == "Episode two")
        #expect(items[1].publishedAt == Fixture.date("2024-05-01T10:00:00Z"))
        #expect(items[2].title == "Episode three")
        #expect(items[2].summary == "Three & more.")
        #expect(items[3].title == "Episode four")
        #expect(items[3].summary == "Four")
    }
}
