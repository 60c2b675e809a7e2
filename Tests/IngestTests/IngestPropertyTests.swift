import Foundation
import PropertyBased
import PropertySoup
import SocialCore
import Testing

@testable import Ingest

/// Properties of the readers of pages and feeds: whatever arrives, they return, and every date
/// and size they report is inside the range the rest of the service can store and compute with.
@Suite("Ingest properties")
struct IngestPropertyTests {
    static let base = URL(string: "https://blog.rose-ash.example/posts/kiln")!

    static let datePieces = [
        " ", ",", ":", "-", "+", "T", "Z", ".", "Mon", "Jan", "Feb", "December", "GMT", "EST", "UT", "+0100", "-01:00",
        "1970", "2024", "9999", "10000", "0", "00", "01", "12", "23", "59", "60", "31", "1969-12-31", "2024-05-01T10:00:00",
    ]

    /// Date texts as pages and feeds write them, with years anywhere in `Int`'s range, or soup.
    static var dateText: Generator<String, some Sequence & SendableMetatype> {
        zip(Soup.int, Gen.int(in: 1...28), Gen.int(in: 0...2), Soup.text(Self.datePieces, parts: 0...8)).map { parts in
            switch parts.2 {
            case 0: "\(parts.1) Jan \(parts.0) 00:00:00 GMT"
            case 1: "Mon, \(parts.1) Dec \(parts.0) 23:59:59 -0100"
            default: parts.3
            }
        }
    }

    static func expectStorable(_ date: Date?, _ input: String, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let date else { return }
        #expect(SafeDate.checked(date) != nil, "\(input) gave \(date.timeIntervalSince1970)", sourceLocation: sourceLocation)
    }

    @Test("The date parser returns, and only dates from 1970 to 9999")
    func dateParserStaysInRange() async {
        await propertyCheck(count: 1000, input: Soup.text(Self.datePieces)) { text in
            Self.expectStorable(DateParser.iso8601(text), text)
            Self.expectStorable(DateParser.rfc822(text), text)
            Self.expectStorable(DateParser.flexible(text), text)
        }
    }

    @Test("An RFC 822 date parses exactly when its year is inside the range")
    func rfc822Years() async {
        await propertyCheck(count: 1000, input: Soup.int, Gen.int(in: 1...28), Gen.int(in: 0...11)) { year, day, month in
            let names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
            let text = "\(day) \(names[month]) \(year) 12:00:00 GMT"
            let parsed = DateParser.rfc822(text)
            // Two-digit years are read as 19xx/20xx (RFC 822), so only longer ones are literal.
            if String(year).count > 2 {
                #expect((parsed != nil) == SafeDate.years.contains(year), "\(text)")
            }
            Self.expectStorable(parsed, text)
        }
    }

    @Test("Every instant in the range survives ISO 8601 formatting and parsing")
    func iso8601RoundTrip() async {
        let range = SafeDate.earliest.timeIntervalSince1970...SafeDate.latest.timeIntervalSince1970
        await propertyCheck(count: 1000, input: Gen.double(in: range)) { seconds in
            let date = Date(timeIntervalSince1970: seconds.rounded(.down))
            let text = ISO8601DateFormatter().string(from: date)
            #expect(DateParser.iso8601(text) == date, "\(text)")
        }
    }

    static let htmlPieces = [
        "<html>", "<head>", "</head>", "<body>", "<title>", "</title>", "<meta property=\"", "<meta name=\"", "\" content=\"", "\">",
        "article:published_time", "article:modified_time", "og:image", "og:image:width", "og:image:height", "og:title",
        "og:url", "twitter:image", "<script type=\"application/ld+json\">", "</script>", "{\"@type\":\"Event\",\"startDate\":\"",
        "\"}", "<base href=\"", "<link rel=\"canonical\" href=\"", "https://", "//", "../", "%", "&amp;", "&#", ";", "<!--", "-->",
        "<meta charset=\"", "shift_jis", "utf-16", "\u{FEFF}", "Jan", " 00:00:00 GMT", "-", "T", "Z",
    ]

    @Test("The HTML extractor returns, with storable dates and plausible image sizes")
    func htmlExtraction() async {
        let pages = zip(Self.dateText, Self.dateText, Soup.int, Soup.text(Self.htmlPieces, parts: 0...60)).map { parts in
            """
            <html><head><meta property="article:published_time" content="\(parts.0)">
            <meta property="og:image" content="/a.jpg"><meta property="og:image:width" content="\(parts.2)">
            <script type="application/ld+json">{"@type":"Event","startDate":"\(parts.1)","image":{"url":"/b.jpg","height":\(parts.2)}}</script>
            \(parts.3)
            """
        }
        await propertyCheck(count: 500, input: pages) { html in
            guard let metadata = try? HTMLMetadataExtractor.extract(html: Array(html.utf8), documentURL: Self.base, contentType: nil) else {
                return
            }
            for date in [metadata.publishedAt, metadata.updatedAt, metadata.event?.startDate, metadata.event?.endDate] {
                Self.expectStorable(date, html)
            }
            for size in [metadata.image?.width, metadata.image?.height].compactMap({ $0 }) {
                #expect(ContentImage.plausiblePixels.contains(size), "\(html)")
            }
        }
    }

    static let feedPieces = [
        "<?xml version=\"1.0\"?>", "<rss version=\"2.0\">", "<channel>", "</channel>", "</rss>", "<item>", "</item>", "<title>",
        "</title>", "<link>", "</link>", "<pubDate>", "</pubDate>", "<guid>", "</guid>", "<feed xmlns=\"http://www.w3.org/2005/Atom\">",
        "</feed>", "<entry>", "</entry>", "<updated>", "</updated>", "<published>", "</published>",
        "{\"version\":\"https://jsonfeed.org/version/1.1\",",
        "\"items\":[{", "\"date_published\":\"", "\"url\":\"", "\"}]}", "Mon, 01 Jan ", " 00:00:00 GMT", "https://", "<![CDATA[", "]]>",
    ]

    @Test("The feed parser returns, with storable dates")
    func feedParsing() async {
        let feeds = zip(Self.dateText, Self.dateText, Gen.int(in: 0...2), Soup.text(Self.feedPieces, parts: 0...60)).map { parts in
            switch parts.2 {
            case 0:
                #"<rss version="2.0"><channel><item><link>https://a.example/</link><pubDate>\#(parts.0)</pubDate></item>\#(parts.3)</channel></rss>"#
            case 1:
                #"<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>a</id><updated>\#(parts.0)</updated><published>\#(parts.1)</published></entry>\#(parts.3)</feed>"#
            default:
                #"{"version":"https://jsonfeed.org/version/1.1","items":[{"id":"1","url":"https://a.example/","date_published":"\#(parts.0)","date_modified":"\#(parts.1)"}]}"#
            }
        }
        await propertyCheck(count: 500, input: feeds) { feed in
            guard let parsed = try? FeedParser.parse(data: Array(feed.utf8), feedURL: Self.base, contentType: nil) else { return }
            for item in parsed.items {
                Self.expectStorable(item.publishedAt, feed)
                Self.expectStorable(item.updatedAt, feed)
            }
        }
    }

    static let jsonLDPieces = [
        "{", "}", "[", "]", ",", ":", "\"", "\"@type\"", "\"@graph\"", "\"@id\"", "\"Article\"", "\"Event\"", "\"Product\"",
        "\"datePublished\"", "\"startDate\"", "\"image\"", "\"width\"", "\"height\"", "\"offers\"", "\"price\"", "1e308", "-1e308",
        "\"1 Jan 1000000 00:00:00 GMT\"", "\"2024-05-01\"", "null", "true", "\"#a\"",
    ]

    @Test("The JSON-LD reader returns, with storable dates and plausible image sizes")
    func jsonLD() async {
        let scripts = zip(Self.dateText, Soup.int, Gen.bool, Soup.text(Self.jsonLDPieces, parts: 0...40)).map { parts in
            parts.2
                ? #"{"@type":"BlogPosting","datePublished":"\#(parts.0)","image":{"url":"https://a.example/i.jpg","width":\#(parts.1)}}"#
                : parts.3
        }
        await propertyCheck(count: 1000, input: scripts) { script in
            let facts = JSONLDReader.read([script])
            for date in [facts.publishedAt, facts.updatedAt, facts.event?.startDate, facts.event?.endDate] {
                Self.expectStorable(date, script)
            }
            for size in [facts.image?.width, facts.image?.height].compactMap({ $0 }) {
                #expect(ContentImage.plausiblePixels.contains(size), "\(script)")
            }
        }
    }

    static let urlPieces = [
        "https://", "http://", "javascript:", "//", "/", "..", ".", "?", "#", "%", "%2", "@", ":", "[", "]", "::1", "a.example", " ",
    ]

    @Test("Resolved references are absolute http(s) URLs or nothing")
    func urlResolution() async {
        await propertyCheck(count: 1000, input: Soup.text(Self.urlPieces, parts: 0...12)) { reference in
            guard let resolved = URLResolver.resolve(reference, against: Self.base) else { return }
            let url = URL(string: resolved)
            #expect(["http", "https"].contains(url?.scheme?.lowercased() ?? ""), "\(reference) → \(resolved)")
        }
    }
}
