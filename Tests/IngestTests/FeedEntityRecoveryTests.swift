import Foundation
import Testing

@testable import Ingest

/// A bare `&` or an HTML named entity must not corrupt the feed.
/// libxml2 drops every entity reference (even `&amp;`) once it has seen one well-formedness
/// error, so both are repaired before parsing.
@Suite("Feed entities and bare ampersands")
struct FeedEntityRecoveryTests {
    static let feedURL = URL(string: "https://journal.rose-ash.example/feed.xml")!

    func parse(_ xml: String) throws -> ParsedFeed {
        try FeedParser.parse(data: Array(xml.utf8), feedURL: Self.feedURL, contentType: "application/rss+xml")
    }

    @Test("A bare & is read as text and later &amp;, &lt;, &gt; still decode")
    func bareAmpersandDoesNotCorruptLaterEntities() throws {
        let feed = try parse(
            """
            <?xml version="1.0" encoding="utf-8"?>
            <rss version="2.0"><channel><title>Fish & Chips</title><link>http://e.example/</link>
            <item><title>Salt & vinegar</title><link>http://e.example/?id=2&amp;page=1</link>
            <description>a &lt;b&gt;bold&lt;/b&gt; claim &amp; more</description></item>
            <item><title>Q&A: &amp;</title><link>http://e.example/?a=1&b=2</link></item>
            </channel></rss>
            """)
        #expect(feed.title == "Fish & Chips")
        #expect(feed.items.count == 2)
        #expect(feed.items[0].title == "Salt & vinegar")
        #expect(feed.items[0].link == "http://e.example/?id=2&page=1")
        #expect(feed.items[0].summary == "a bold claim & more")
        #expect(feed.items[1].title == "Q&A: &")
        #expect(feed.items[1].link == "http://e.example/?a=1&b=2")
    }

    @Test("HTML named entities decode in feed text: Caf&eacute; &amp; Bar is Café & Bar")
    func htmlNamedEntitiesDecode() throws {
        let feed = try parse(
            """
            <?xml version="1.0" encoding="utf-8"?>
            <rss version="2.0"><channel><title>Caf&eacute; &amp; Bar</title>
            <item><title>Cr&egrave;me br&ucirc;l&eacute;e &mdash; &euro;4&hellip;</title><link>http://e.example/1</link>
            <description>&ldquo;Quoted&rdquo;&nbsp;text &amp;amp; &copy; 2024</description></item>
            </channel></rss>
            """)
        #expect(feed.title == "Café & Bar")
        #expect(feed.items.first?.title == "Crème brûlée — €4…")
        #expect(feed.items.first?.summary == "“Quoted” text & © 2024")
        #expect(feed.problems.isEmpty)
    }

    @Test("An unknown entity stays as literal text; numeric references still decode; CDATA is left alone")
    func unknownEntityIsLiteral() throws {
        let feed = try parse(
            """
            <rss version="2.0"><channel><title>&bogus; &#233;&#x2014;&#150;</title>
            <item><title><![CDATA[Tom &amp; Jerry & co]]></title><link>http://e.example/1</link></item>
            </channel></rss>
            """)
        #expect(feed.title == "&bogus; é—–")
        #expect(feed.items.first?.title == "Tom & Jerry & co")
    }
}
