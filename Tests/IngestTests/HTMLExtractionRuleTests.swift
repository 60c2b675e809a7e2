import Foundation
import Testing

@testable import Ingest

/// URL resolution, text clean-up, image groups, limits and big pages.
@Suite("HTML extraction rules")
struct HTMLExtractionRuleTests {
    func extract(_ html: String, url: String = "https://rose-ash.example/a/b.html") throws -> ContentMetadata {
        try HTMLMetadataExtractor.extract(html: Array(html.utf8), documentURL: URL(string: url)!, contentType: nil)
    }

    @Test("Relative canonical and image URLs resolve against <base href>, itself resolved against the page")
    func relativeURLsUseBase() throws {
        let metadata = try HTMLMetadataExtractor.extract(
            html: Fixture.bytes("html/relative-base.html"),
            documentURL: URL(string: "https://market.rose-ash.example/market/listings/celadon-bowl?from=home")!,
            contentType: "text/html; charset=utf-8")
        #expect(metadata.url == "https://market.rose-ash.example/market/listings/celadon-bowl")
        #expect(metadata.image == ContentImage(url: "https://market.rose-ash.example/market/assets/photos/celadon%20bowl.jpg"))
    }

    @Test("Protocol-relative URLs take the document's scheme")
    func protocolRelative() throws {
        let metadata = try extract(#"<meta name="twitter:image" content="//cdn.rose-ash.example/t.jpg">"#)
        #expect(metadata.image?.url == "https://cdn.rose-ash.example/t.jpg")
    }

    @Test("javascript:, mailto:, data: and ftp: URLs are dropped and the next source is used")
    func nonWebURLsDropped() throws {
        let metadata = try HTMLMetadataExtractor.extract(
            html: Fixture.bytes("html/unsafe-urls.html"),
            documentURL: URL(string: "https://rose-ash.example/page")!, contentType: nil)
        #expect(metadata.url == "https://rose-ash.example/page")
        #expect(metadata.image?.url == "https://rose-ash.example/img/ok.png")
    }

    @Test("Only the first og:image group's width, height and alt are used")
    func firstImageGroup() throws {
        let metadata = try extract(
            """
            <meta property="og:image" content="/one.jpg"><meta property="og:image:url" content="/one.jpg">
            <meta property="og:image:width" content="300"><meta property="og:image" content="/two.jpg">
            <meta property="og:image:height" content="999"><meta property="og:image:alt" content="second">
            """)
        #expect(metadata.image == ContentImage(url: "https://rose-ash.example/one.jpg", width: 300))
    }

    @Test("og:image:secure_url is used when og:image is missing")
    func secureURLFallback() throws {
        let metadata = try extract(#"<meta property="og:image:secure_url" content="https://s.example/x.png">"#)
        #expect(metadata.image?.url == "https://s.example/x.png")
    }

    @Test("Entities are decoded in titles and attributes, including numeric and named ones")
    func entitiesDecoded() throws {
        let metadata = try extract(
            #"<title>Tom &amp; Jerry&#8217;s &eacute;t&eacute; &#x2615;</title><meta name="description" content="&lt;b&gt; &quot;q&quot; &hellip;">"#)
        #expect(metadata.title == "Tom & Jerry’s été ☕")
        #expect(metadata.description == "<b> \"q\" …")
    }

    @Test("Whitespace runs collapse to one space and blank values count as absent")
    func whitespaceNormalised() throws {
        let metadata = try extract(
            "<title>\n\t Kiln \n\n  log \t</title><meta property=\"og:title\" content=\"   \"><meta name=\"author\" content=\" \">")
        #expect(metadata.title == "Kiln log")
        #expect(metadata.author == nil)
    }

    @Test("A title inside inline SVG is not the page title")
    func svgTitleIgnored() throws {
        let metadata = try extract("<body><svg><title>icon</title></svg><title>Real</title></body>")
        #expect(metadata.title == "Real")
    }

    @Test("Pages over the byte limit are refused with tooLarge")
    func tooLarge() throws {
        let error = #expect(throws: IngestError.self) {
            try HTMLMetadataExtractor.extract(
                html: [UInt8](repeating: 0x20, count: 101), documentURL: URL(string: "https://x.example/")!,
                contentType: nil, maximumBytes: 100)
        }
        #expect(error?.kind == .tooLarge)
        #expect(error?.description.contains("101 bytes") == true)
    }

    @Test("An empty or blank page is refused with emptyDocument")
    func emptyPage() throws {
        let error = #expect(throws: IngestError.self) { try extract(" \n\t ") }
        #expect(error?.kind == .emptyDocument)
    }

    @Test("A multi-megabyte page with metadata in the head and a huge body is parsed")
    func hugePage() throws {
        var html = #"<html lang="en"><head><meta property="og:title" content="Huge page"></head><body>"#
        let paragraph = "<p>Stoke</i> the kiln &amp; <b>wait</b>.</div> "
        html += String(repeating: paragraph, count: 80_000)  // about 3.8 MB
        html += #"<meta name="keywords" content="at-the-end"></body></html>"#
        #expect(html.utf8.count > 3_000_000)
        let start = ContinuousClock.now
        let metadata = try extract(html)
        #expect(metadata.title == "Huge page")
        #expect(metadata.tags == ["at-the-end"])
        #expect(ContinuousClock.now - start < .seconds(30))
    }

    @Test("ContentMetadata round-trips through JSON")
    func codableRoundTrip() throws {
        let metadata = try HTMLMetadataExtractor.extract(
            html: Fixture.bytes("html/event.html"), documentURL: URL(string: "https://rose-ash.example/e")!,
            contentType: nil)
        let data = try JSONEncoder().encode(metadata)
        #expect(try JSONDecoder().decode(ContentMetadata.self, from: data) == metadata)
    }
}
