import Foundation
import Testing

@testable import Ingest

/// ISO-8859-1 means windows-1252 for feeds too, and a byte the charset does
/// not define is replaced (U+FFFD) instead of truncating the document, for feeds and pages.
@Suite("Feed and page decoding")
struct FeedCharsetTests {
    static let url = URL(string: "https://journal.rose-ash.example/feed.xml")!

    static func rss(_ encoding: String, title: [UInt8], second: [UInt8] = Array("Second".utf8)) -> [UInt8] {
        Array("<?xml version=\"1.0\" encoding=\"\(encoding)\"?><rss version=\"2.0\"><channel><title>".utf8) + title
            + Array("</title><item><title>".utf8) + second
            + Array("</title><link>http://e.example/2?a=1&amp;b=2</link></item></channel></rss>".utf8)
    }

    @Test("An ISO-8859-1 feed with windows-1252 bytes gives curly quotes, not C1 control characters")
    func latin1FeedIsWindows1252() throws {
        let feed = try FeedParser.parse(
            data: Self.rss("ISO-8859-1", title: [0x93, 0x51, 0x94, 0x20, 0x85, 0x20, 0x80]), feedURL: Self.url, contentType: nil)
        #expect(feed.title == "“Q” … €")
    }

    @Test("A byte windows-1252 does not define (0x81) becomes U+FFFD and the rest of the feed is read")
    func undefinedWindows1252Byte() throws {
        let feed = try FeedParser.parse(data: Self.rss("windows-1252", title: [0x41, 0x81, 0x42, 0x20, 0xE9]), feedURL: Self.url, contentType: nil)
        #expect(feed.title == "A\u{FFFD}B é")
        #expect(feed.items.first?.title == "Second")
        #expect(feed.items.first?.link == "http://e.example/2?a=1&b=2")
    }

    @Test("A windows-1251 feed with an undefined byte (0x98) keeps its Cyrillic text and the rest of the feed")
    func undefinedWindows1251Byte() throws {
        let cyrillic: [UInt8] = [0xC8, 0xED, 0xF2, 0xE5, 0xF0, 0xE5, 0xF1, 0xED, 0xFB, 0xE5]  // Интересные
        let feed = try FeedParser.parse(
            data: Self.rss("windows-1251", title: cyrillic + [0x98, 0x20] + cyrillic), feedURL: Self.url, contentType: nil)
        #expect(feed.title == "Интересные\u{FFFD} Интересные")
        #expect(feed.items.first?.title == "Second")
    }

    @Test("UTF-8 bytes mislabelled windows-1251 are read as UTF-8: Интересные наблюдения… is not truncated to Р")
    func utf8MislabelledWindows1251() throws {
        let feed = try FeedParser.parse(
            data: Self.rss("windows-1251", title: Array("Интересные наблюдения…".utf8)), feedURL: Self.url, contentType: nil)
        #expect(feed.title == "Интересные наблюдения…")
        #expect(feed.items.first?.title == "Second")
    }

    @Test("An HTML page with an undefined byte keeps the rest of its title and its later meta tags")
    func htmlUndefinedByteIsReplaced() throws {
        let cyrillic: [UInt8] = [0xC8, 0xED, 0xF2, 0xE5, 0xF0, 0xE5, 0xF1, 0xED, 0xFB, 0xE5]
        let html =
            Array(#"<html><head><meta charset="windows-1251"><title>"#.utf8) + cyrillic + [0x98, 0x20] + cyrillic
            + Array(#"</title><meta name="description" content="after the byte"></head></html>"#.utf8)
        let metadata = try HTMLMetadataExtractor.extract(html: html, documentURL: Self.url, contentType: "text/html")
        #expect(metadata.title == "Интересные\u{FFFD} Интересные")
        #expect(metadata.description == "after the byte")
    }
}
