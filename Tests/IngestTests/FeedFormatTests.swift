import Foundation
import Testing

@testable import Ingest

/// Atom, JSON Feed, malformed feeds and format detection.
@Suite("Atom, JSON Feed and malformed feeds")
struct FeedFormatTests {
    @Test("Atom entries: xml:base resolution, html text constructs, enclosure image, label over term")
    func atomEntry() throws {
        let feed = try FeedParser.parse(
            data: Fixture.bytes("feeds/atom.xml"), feedURL: URL(string: "https://rose-ash.example/feeds/atom")!,
            contentType: "application/atom+xml")
        #expect(feed.format == .atom)
        #expect(feed.title == "Rose Ash Workshop Log")
        #expect(feed.link == "https://rose-ash.example/workshop/")
        #expect(feed.description == "Notes from the wheel")
        let entry = try #require(feed.items.first)
        #expect(entry.title == "Trimming feet & foot rings")
        #expect(entry.link == "https://rose-ash.example/workshop/entries/trimming")
        #expect(entry.id == "tag:rose-ash.example,2024:workshop/7")
        #expect(entry.summary == "How leather-hard is leather-hard?")
        #expect(entry.contentHTML == "<p>Trim when the clay <b>squeaks</b>.</p>")
        #expect(entry.publishedAt == Fixture.date("2024-05-18T07:00:00Z"))
        #expect(entry.updatedAt == Fixture.date("2024-05-19T21:30:45.123Z"))
        #expect(entry.author == "Eira Lloyd")
        #expect(entry.image == "https://rose-ash.example/images/trimming.jpg")
        #expect(entry.categories == ["Technique", "trimming"])
        #expect(feed.problems.isEmpty)
    }

    @Test("An Atom entry without published uses updated, inherits the feed author and reads xhtml content as text")
    func atomFallbacks() throws {
        let feed = try FeedParser.parse(
            data: Fixture.bytes("feeds/atom.xml"), feedURL: URL(string: "https://rose-ash.example/feeds/atom")!,
            contentType: nil)
        let entry = feed.items[1]
        #expect(entry.link == "https://notes.rose-ash.example/wedging")
        #expect(entry.publishedAt == Fixture.date("2024-05-02T10:00:00Z"))
        #expect(entry.author == "Rose Ash Workshop")
        #expect(entry.summary == "Ram's head, then spiral.")
        #expect(entry.contentHTML == nil)
        #expect(entry.image == "https://i.rose-ash.example/wedging/thumb.jpg")
    }

    @Test("JSON Feed items: numeric id, relative url against home_page_url, image over banner, tags de-duplicated")
    func jsonFeed() throws {
        let feed = try FeedParser.parse(
            data: Fixture.bytes("feeds/feed.json"), feedURL: URL(string: "https://feeds.rose-ash.example/market.json")!,
            contentType: "application/feed+json")
        #expect(feed.format == .jsonFeed)
        #expect(feed.title == "Rose Ash Market")
        #expect(feed.link == "https://market.rose-ash.example/")
        #expect(feed.items.count == 2)
        #expect(
            feed.items[0]
                == FeedItem(
                    id: "2041", link: "https://market.rose-ash.example/listings/celadon-bowl", title: "Celadon tea bowl",
                    summary: "A wood-fired celadon bowl.", contentHTML: "<p>Thrown on the kick wheel &amp; wood-fired.</p>",
                    publishedAt: Fixture.date("2024-05-10T13:00:00Z"), updatedAt: Fixture.date("2024-05-11T09:00:00Z"),
                    author: "Eira Lloyd, Sam Ibe", image: "https://market.rose-ash.example/photos/celadon-bowl.jpg",
                    categories: ["Bowls", "celadon"]))
    }

    @Test("JSON Feed fallbacks: external_url, content_text, banner_image, date_modified, feed authors; bad items reported")
    func jsonFeedFallbacks() throws {
        let feed = try FeedParser.parse(
            data: Fixture.bytes("feeds/feed.json"), feedURL: URL(string: "https://feeds.rose-ash.example/market.json")!,
            contentType: nil)
        let item = feed.items[1]
        #expect(item.link == "https://elsewhere.example/review/jug")
        #expect(item.summary == "A stoneware jug reviewed elsewhere.")
        #expect(item.image == "https://cdn.rose-ash.example/jug-banner.jpg")
        #expect(item.publishedAt == Fixture.date("2024-05-01T00:00:00Z"))
        #expect(item.author == "Rose Ash Co-operative")
        #expect(
            feed.problems == [
                "Item 3 is not a JSON object and was skipped.", "Item 4 has no url, title or content and was skipped.",
            ])
    }

    @Test("A malformed RSS feed yields the items before the breakage plus a problem naming the line; a bare & is not the breakage")
    func malformedRSSRecovered() throws {
        let feed = try FeedParser.parse(
            data: Fixture.bytes("feeds/malformed-rss.xml"), feedURL: URL(string: "https://market.rose-ash.example/rss")!,
            contentType: "application/rss+xml")
        #expect(feed.title == "Rose Ash Stall Updates")
        #expect(feed.items.count == 2)
        #expect(feed.items.first?.title == "Mugs & jugs restocked")
        #expect(feed.items.first?.link == "https://market.rose-ash.example/restock")
        #expect(feed.items.first?.publishedAt == Fixture.date("2024-05-13T08:00:00Z"))
        let problem = try #require(feed.problems.first)
        #expect(problem.hasPrefix("The feed is not well-formed XML (line 12:"))
        #expect(problem.contains("item(s) were recovered"))
    }

    @Test("An HTML page given as a feed is refused with notAFeed")
    func htmlIsNotAFeed() throws {
        let error = #expect(throws: IngestError.self) {
            try FeedParser.parse(
                data: Fixture.bytes("html/blog-post.html"), feedURL: URL(string: "https://x.example/")!, contentType: "text/html")
        }
        #expect(error?.kind == .notAFeed)
        #expect(error?.description.contains("an HTML page") == true)
    }

    @Test("Other XML and other JSON are refused with notAFeed; broken JSON with unparseable; blank with emptyDocument")
    func refusals() {
        let url = URL(string: "https://x.example/")!
        func kind(_ text: String) -> IngestError.Kind? {
            do {
                _ = try FeedParser.parse(data: Array(text.utf8), feedURL: url, contentType: nil)
                return nil
            } catch {
                return error.kind
            }
        }
        #expect(kind("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>") == .notAFeed)
        #expect(kind("<feed><entry/></feed>") == .notAFeed)
        #expect(kind(#"{"name": "not a feed"}"#) == .notAFeed)
        #expect(kind(#"{"version": "https://jsonfeed.org/version/1.1", "items": [}"#) == .unparseable)
        #expect(kind("   \n") == .emptyDocument)
        #expect(kind("just some text") == .unparseable)
    }

    @Test("Feeds over the byte limit are refused with tooLarge")
    func tooLarge() {
        #expect(throws: IngestError.tooLarge(byteCount: 11, limit: 10)) {
            try FeedParser.parse(data: Array("<rss></rss>".utf8), feedURL: URL(string: "https://x.example/")!, contentType: nil, maximumBytes: 10)
        }
    }

    @Test("Custom entities are not expanded: a reference is dropped and an entity bomb stops the parse with a problem")
    func entitiesNotExpanded() throws {
        let url = URL(string: "https://x.example/")!
        let simple = """
            <?xml version="1.0"?>
            <!DOCTYPE rss [<!ENTITY co "Rose Ash">]>
            <rss><channel><title>&co; news &amp; notes</title></channel></rss>
            """
        #expect(try FeedParser.parse(data: Array(simple.utf8), feedURL: url, contentType: nil).title == "news & notes")

        let bomb = """
            <?xml version="1.0"?>
            <!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
            <rss><channel><title>Bomb &c; end</title></channel></rss>
            """
        let feed = try FeedParser.parse(data: Array(bomb.utf8), feedURL: url, contentType: nil)
        #expect(feed.title == "Bomb")
        #expect(feed.problems.first?.contains("entity") == true)
    }
}
