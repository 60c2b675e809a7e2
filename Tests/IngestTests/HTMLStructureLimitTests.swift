import Foundation
import Testing

@testable import Ingest

/// Hostile structure: deep nesting, NUL bytes, huge tags, encoding errors and huge JSON-LD.
/// Speed is checked by the fuzz limits (`make fuzz`), not here: these
/// tests assert what is still extracted and which bounds hold.
@Suite("HTML structure limits")
struct HTMLStructureLimitTests {
    static let pageURL = URL(string: "https://news.rose-ash.example/2024/05/kiln")!

    func extract(_ bytes: [UInt8], contentType: String? = "text/html") throws -> ContentMetadata {
        try HTMLMetadataExtractor.extract(html: bytes, documentURL: Self.pageURL, contentType: contentType)
    }

    static let metadataTags = """
        <meta property="og:title" content="After the deep part"><meta name="author" content="Mara Quill">
        <script type="application/ld+json">{"@type": "Article", "headline": "h", "datePublished": "2024-05-01T00:00:00Z"}</script>
        """

    @Test("Metadata after 300 nested elements is still read", arguments: ["div", "span", "font"])
    func deepNestingBeforeMetadata(_ element: String) throws {
        let html =
            "<html><body>" + String(repeating: "<\(element) class=x>", count: 300) + Self.metadataTags
            + String(repeating: "</\(element)>", count: 300) + "</body></html>"
        let metadata = try extract(Array(html.utf8))
        #expect(metadata.title == "After the deep part")
        #expect(metadata.author == "Mara Quill")
        #expect(metadata.publishedAt == Fixture.date("2024-05-01T00:00:00Z"))
    }

    @Test("Metadata after 100,000 unclosed elements is still read")
    func veryDeepNestingBeforeMetadata() throws {
        let html = "<html><body>" + String(repeating: "<div>", count: 100_000) + Self.metadataTags
        #expect(try extract(Array(html.utf8)).title == "After the deep part")
    }

    @Test("A leading NUL byte, or NULs inside the page, do not hide the metadata")
    func nulBytes() throws {
        let page = Array("<html><head><title>Kiln</title>".utf8) + [0] + Array(Self.metadataTags.utf8)
        for bytes in [[0] + page, [0, 0, 0] + page, page] {
            let metadata = try extract(bytes)
            #expect(metadata.title == "After the deep part")
            #expect(metadata.author == "Mara Quill")
        }
    }

    @Test("An element's attributes past the limit are dropped, and the metadata after it is still read")
    func hugeAttributeCount() throws {
        var html = #"<html><head><meta name="author" content="Mara Quill""#
        for index in 0..<40_000 { html += " a\(index)=\"value\"" }
        html += "><title>After the big tag</title>" + Self.metadataTags
        #expect(html.utf8.count > 500_000)
        let snapshot = LibXML.parseHTML(HTMLMarkupBounds.bounded(Array(html.utf8)), encoding: "UTF-8")
        let first = try #require(snapshot.metaTags.first)
        #expect(first.attributes.count <= HTMLMarkupBounds.maximumAttributes)
        #expect(first["content"] == "Mara Quill")
        let metadata = try extract(Array(html.utf8))
        #expect(metadata.title == "After the deep part")
        #expect(metadata.author == "Mara Quill")
    }

    @Test("A flood of elements or comments reaches libxml2 only up to the node limit, and metadata after it is still read")
    func elementFlood() throws {
        for flood in ["<li>", "<!---->", "</p>"] {
            let html = Array(("<html><head><title>Flood</title></head><body>" + String(repeating: flood, count: 300_000) + Self.metadataTags).utf8)
            let bounded = HTMLMarkupBounds.bounded(html)
            let kept = bounded.indices.filter { bounded[$0] == UInt8(ascii: "<") }.count
            #expect(kept <= HTMLMarkupBounds.maximumNodes + 10)
            let metadata = try extract(html)
            #expect(metadata.title == "After the deep part")
            #expect(metadata.author == "Mara Quill")
            #expect(metadata.publishedAt == Fixture.date("2024-05-01T00:00:00Z"))
        }
    }

    @Test("A '>' or quotes inside attribute values, comments and scripts do not confuse the attribute limit")
    func boundsKeepMarkupIntact() throws {
        let html = """
            <!-- <meta name="author" content="in a comment"> --><title>a > b</title>
            <script>if (a<b && c>d) { x = "<div>"; }</script>
            <meta property="og:title" content="x > y &amp; 'z'" data-a='">'>
            <meta name=author content=unquoted>
            """
        let metadata = try extract(Array(html.utf8))
        #expect(metadata.title == "x > y & 'z'")
        #expect(metadata.author == "unquoted")
        #expect(HTMLMarkupBounds.bounded(Array(html.utf8)) == Array(html.utf8))
    }

    @Test("libxml2 prints nothing on standard error, even for bytes the declared encoding cannot decode")
    func noEncodingErrorsOnStandardError() throws {
        let bytes: [UInt8] =
            Array("<html><head><title>Kiln ".utf8) + [0x81, 0x20, 0xFF, 0xFE, 0x82]
            + Array("</title><meta name=author content=Mara></head><body>".utf8)
            + [UInt8](repeating: 0xFF, count: 64) + Array("</body></html>".utf8)
        let printed = try StandardError.capture {
            _ = LibXML.parseHTML(bytes, encoding: "SHIFT_JIS")
            _ = LibXML.parseHTML(bytes, encoding: "EUC-JP")
            let feed = Array("<?xml version=\"1.0\" encoding=\"SHIFT_JIS\"?><rss>".utf8) + bytes + Array("</rss>".utf8)
            _ = try? FeedParser.parse(data: feed, feedURL: URL(string: "https://blog.example/feed.xml")!, contentType: nil)
            _ = LibXML.parseXML(utf8: feed)
        }
        // Other tests may write to standard error meanwhile, so only libxml2's lines are looked for.
        #expect(!printed.contains("encoding error"))
        #expect(!printed.contains("parser error"))
        #expect(!printed.contains("input conversion failed"))
    }

    @Test("A 7 MB page whose JSON-LD has 100,000 @id references is read within the JSON-LD bounds")
    func hugeJSONLD() throws {
        let html = HugeJSONLDPage.html(references: 100_000)
        #expect(html.count > 7_000_000)
        let metadata = try extract(html)
        #expect(metadata.title == "A page with a huge graph")
        #expect(metadata.author == "Mara Quill")
        let facts = JSONLDReader.read(LibXML.parseHTML(html, encoding: "UTF-8").jsonLDScripts)
        #expect(facts.skippedForSize == 1)
    }
}
