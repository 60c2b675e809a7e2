import Foundation
import SocialCore
import Testing

@testable import Ingest

/// Dates outside 1970–9999 are no date: a huge year once overflowed the parser or trapped when
/// PostgreSQL bound it. Reached from pages, feeds and JSON-LD alike.
@Suite("Dates outside the storable range")
struct HugeDateTests {
    static let pageURL = URL(string: "https://blog.rose-ash.example/posts/kiln")!

    @Test(
        "Huge, negative and pre-1970 years parse to no date instead of trapping",
        arguments: [
            "Mon, 01 Jan 999999999999 00:00:00 GMT",
            "1 Jan 1000000 00:00:00 GMT",
            "Mon, 01 Jan 9223372036854775807 00:00:00 GMT",
            "01 Jan -9223372036854775808 00:00:00 GMT",
            "31 Dec 1969 23:59:59 GMT",
            "0001-01-01T00:00:00Z",
            "1969-12-31T23:59:59Z",
            "1970-01-01T00:30:00+01:00",
            "9999-12-31T23:59:59-01:00",
            "01 Jan 10000 00:00:00 GMT",
        ])
    func outOfRange(_ text: String) {
        #expect(DateParser.flexible(text) == nil)
    }

    @Test("The ends of the range still parse")
    func rangeEnds() {
        #expect(DateParser.flexible("1970-01-01T00:00:00Z") == SafeDate.earliest)
        #expect(DateParser.flexible("9999-12-31T23:59:59Z") == SafeDate.latest)
        #expect(DateParser.flexible("Fri, 31 Dec 9999 23:59:59 GMT") == SafeDate.latest)
        #expect(DateParser.flexible("1970-01-01T00:00:00.9999999999999999999Z") != nil)
    }

    @Test("A page whose published time has a huge year has no published date")
    func page() throws {
        let html = """
            <html><head><title>Kiln</title>
            <meta property="article:published_time" content="1 Jan 1000000 00:00:00 GMT">
            <meta property="article:modified_time" content="Mon, 01 Jan 999999999999 00:00:00 GMT">
            <meta property="og:image" content="https://cdn.example/a.jpg">
            <meta property="og:image:width" content="99999999999999999999">
            <meta property="og:image:height" content="-5">
            <script type="application/ld+json">{"@type":"Event","name":"x","startDate":"1 Jan 1000000 00:00:00 GMT",
              "endDate":"+275760-09-13T00:00:00Z","image":{"url":"https://cdn.example/b.jpg","width":1e300,"height":-1}}</script>
            </head><body></body></html>
            """
        let metadata = try HTMLMetadataExtractor.extract(html: Array(html.utf8), documentURL: Self.pageURL, contentType: "text/html")
        #expect(metadata.publishedAt == nil)
        #expect(metadata.updatedAt == nil)
        #expect(metadata.event?.startDate == nil)
        #expect(metadata.image?.width == nil && metadata.image?.height == nil)
    }

    @Test("A feed item whose pubDate has a huge year has no date")
    func feed() throws {
        let rss = """
            <?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>https://blog.rose-ash.example/</link>
            <item><title>a</title><link>https://blog.rose-ash.example/a</link><pubDate>Mon, 01 Jan 999999999999 00:00:00 GMT</pubDate></item>
            <item><title>b</title><link>https://blog.rose-ash.example/b</link><pubDate>1 Jan 1000000 00:00:00 GMT</pubDate></item>
            </channel></rss>
            """
        let feed = try FeedParser.parse(data: Array(rss.utf8), feedURL: Self.pageURL, contentType: "application/rss+xml")
        #expect(feed.items.count == 2)
        #expect(feed.items.allSatisfy { $0.publishedAt == nil })
    }

    @Test("Deeply nested JSON-LD and HTML return instead of exhausting the stack")
    func deepNesting() throws {
        let depth = 100_000
        let arrays = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let graphs = String(repeating: #"{"@graph":"#, count: depth) + "1" + String(repeating: "}", count: depth)
        for script in [arrays, graphs] {
            #expect(JSONLDReader.read([script]).publishedAt == nil)
        }
        let html = "<html><head><title>deep</title></head><body>" + String(repeating: "<div>", count: depth) + "</body></html>"
        let metadata = try HTMLMetadataExtractor.extract(html: Array(html.utf8), documentURL: Self.pageURL, contentType: "text/html")
        #expect(metadata.title == "deep")
    }
}
