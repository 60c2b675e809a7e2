import Foundation
import Testing

@testable import Ingest

/// RSS 2.0 with the content, dc and media namespaces; RSS 1.0; encodings.
@Suite("RSS feeds")
struct RSSFeedTests {
    static let feedURL = URL(string: "https://journal.rose-ash.example/feed.xml")!

    func parse(_ fixture: String, contentType: String? = "application/rss+xml") throws -> ParsedFeed {
        try FeedParser.parse(data: Fixture.bytes("feeds/" + fixture), feedURL: Self.feedURL, contentType: contentType)
    }

    @Test("Channel title, link and description are read; atom:link self is not the channel link")
    func channel() throws {
        let feed = try parse("rss-namespaces.xml")
        #expect(feed.format == .rss)
        #expect(feed.title == "Rose Ash Journal & Market")
        #expect(feed.link == "https://journal.rose-ash.example/")
        #expect(feed.description == "News from the pottery, the kiln and the market stall.")
    }

    @Test("An item with content:encoded CDATA, dc:creator, escaped HTML description and relative link")
    func namespacedItem() throws {
        let item = try #require(try parse("rss-namespaces.xml").items.first)
        #expect(item.title == "Kiln diaries: firing the anagama — day five")
        #expect(item.link == "https://journal.rose-ash.example/2024/05/kiln-diaries-anagama")
        #expect(item.id == "rose-ash-journal-0142")
        #expect(item.summary == "Five days, three tonnes of larch & a kiln that breathes.")
        #expect(item.contentHTML?.hasPrefix("<p>We lit the firebox at dawn &amp; stoked every <strong>seven</strong>") == true)
        #expect(item.author == "Mara Quill")
        #expect(item.publishedAt == Fixture.date("2024-05-14T08:30:00Z"))
        #expect(item.categories == ["Wood firing", "Ceramics"])
    }

    @Test("Image precedence: media:content image beats enclosure and media:thumbnail; video media:content is not an image")
    func mediaContentImageWins() throws {
        let item = try #require(try parse("rss-namespaces.xml").items.first)
        #expect(item.image == "https://journal.rose-ash.example/journal/anagama-door.jpg")
    }

    @Test("An image enclosure beats media:thumbnail and audio enclosures are skipped")
    func imageEnclosure() throws {
        let item = try parse("rss-namespaces.xml").items[1]
        #expect(item.image == "https://cdn.rose-ash.example/market/seconds.png")
    }

    @Test("A permalink guid stands in for a missing link; the author's name comes from the RSS author email form")
    func guidAsLink() throws {
        let item = try parse("rss-namespaces.xml").items[1]
        #expect(item.link == "https://journal.rose-ash.example/2024/04/seconds-sale")
        #expect(item.author == "Jo Harrow")
        #expect(item.summary == "Every mug £5 — while they last.")
        #expect(item.publishedAt == Fixture.date("2024-04-06T16:45:00Z"))
    }

    @Test("dc:date is used without pubDate, dc:subject is a category, media:thumbnail inside media:group is the image")
    func dublinCoreDateAndThumbnail() throws {
        let item = try parse("rss-namespaces.xml").items[2]
        #expect(item.publishedAt == Fixture.date("2024-03-09T10:00:00Z"))
        #expect(item.categories == ["Events"])
        #expect(item.image == "https://cdn.rose-ash.example/events/open-studio-thumb.jpg")
    }

    @Test("An unreadable date is reported as a problem and the item kept; an empty item is skipped and reported")
    func problemsReported() throws {
        let feed = try parse("rss-namespaces.xml")
        #expect(feed.items.count == 4)
        #expect(feed.items[3].publishedAt == nil)
        #expect(
            feed.problems == [
                "Item 4: the date \"sometime last winter\" is not RFC 822 or ISO 8601; ignored.",
                "Item 5 has no title, link, guid, description or date and was skipped.",
            ])
    }

    @Test("An ISO-8859-1 feed is transcoded using its XML declaration, whatever the header says")
    func latin1Feed() throws {
        let feed = try parse("rss-latin1.xml", contentType: "text/xml; charset=utf-8")
        #expect(feed.title == "Rose Ash - Atelier français")
        #expect(feed.items.first?.title == "Première cuisson réussie")
        #expect(feed.items.first?.link == "https://journal.rose-ash.example/fr/premiere-cuisson")
        #expect(feed.items.first?.publishedAt == Fixture.date("2024-04-06T08:00:00Z"))
        #expect(feed.problems.isEmpty)
    }

    @Test("The header charset decodes a feed whose declaration names no encoding")
    func headerCharsetForUndeclaredFeed() throws {
        let xml = "<?xml version=\"1.0\"?><rss><channel><title>Caf\u{E9}</title></channel></rss>"
        let bytes = Array(xml.unicodeScalars.map { UInt8($0.value) })
        let feed = try FeedParser.parse(data: bytes, feedURL: Self.feedURL, contentType: "application/xml; charset=ISO-8859-1")
        #expect(feed.title == "Café")
    }

    @Test("RSS 1.0 (RDF) items are read from beside the channel")
    func rdf() throws {
        let feed = try parse("rdf.xml")
        #expect(feed.format == .rdf)
        #expect(feed.title == "Rose Ash Archive")
        #expect(
            feed.items == [
                FeedItem(
                    id: "https://rose-ash.example/archive/first-firing", link: "https://rose-ash.example/archive/first-firing",
                    title: "Our first firing", publishedAt: Fixture.date("2019-10-12T00:00:00Z"), author: "Mara Quill")
            ])
        #expect(feed.problems.isEmpty)
    }
}
