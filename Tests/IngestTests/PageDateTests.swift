import Foundation
import Testing

@testable import Ingest

/// Where a page's dates come from besides Open Graph and JSON-LD.
@Suite("Page dates")
struct PageDateTests {
    static let pageURL = URL(string: "https://news.rose-ash.example/2024/05/kiln")!

    func extract(_ html: String) throws -> ContentMetadata {
        try HTMLMetadataExtractor.extract(html: Array(html.utf8), documentURL: Self.pageURL, contentType: "text/html")
    }

    @Test("<meta name=date> gives the published date")
    func metaNameDate() throws {
        let metadata = try extract(#"<title>t</title><meta name="date" content="2024-05-01T10:00:00Z">"#)
        #expect(metadata.publishedAt == Fixture.date("2024-05-01T10:00:00Z"))
    }

    @Test("A <time datetime> inside the article wins over one in the page furniture before it")
    func timeInsideArticle() throws {
        let metadata = try extract(
            """
            <title>t</title><body><nav>Updated <time datetime="2019-01-01T00:00:00Z">long ago</time></nav>
            <article><h1>Kiln</h1><p>Posted <time datetime="2024-05-02T08:30:00Z">2 May</time></p></article></body>
            """)
        #expect(metadata.publishedAt == Fixture.date("2024-05-02T08:30:00Z"))
    }

    @Test("A <time pubdate> wins over an earlier plain <time> in the same article")
    func timeWithPubdate() throws {
        let metadata = try extract(
            """
            <title>t</title><article><p>Event on <time datetime="2030-01-01">1 Jan</time></p>
            <footer><time pubdate datetime="2024-05-03T12:00:00Z">3 May</time></footer></article>
            """)
        #expect(metadata.publishedAt == Fixture.date("2024-05-03T12:00:00Z"))
    }

    @Test(
        "Microdata itemprop=datePublished on a meta, a time or any element with content gives the published date",
        arguments: [
            #"<meta itemprop="datePublished" content="2024-05-04T09:00:00Z">"#,
            #"<time itemprop="datePublished" datetime="2024-05-04T09:00:00Z">4 May</time>"#,
            #"<span itemprop="datePublished" content="2024-05-04T09:00:00Z">4 May</span>"#,
        ])
    func microdataDatePublished(_ element: String) throws {
        let metadata = try extract(#"<title>t</title><div itemscope itemtype="https://schema.org/Article">"# + element + "</div>")
        #expect(metadata.publishedAt == Fixture.date("2024-05-04T09:00:00Z"))
    }

    @Test("JSON-LD uploadDate of a VideoObject gives the published date, also beside a WebPage object")
    func jsonLDUploadDate() throws {
        let metadata = try extract(
            """
            <title>t</title><script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
              {"@type": "WebPage", "@id": "#page", "name": "Watch: opening the kiln"},
              {"@type": "VideoObject", "name": "Opening the kiln", "uploadDate": "2024-05-05T18:00:00Z"}]}</script>
            """)
        #expect(metadata.publishedAt == Fixture.date("2024-05-05T18:00:00Z"))
        let blankPublished = JSONLDReader.read([
            #"{"@type": "VideoObject", "name": "v", "datePublished": " ", "uploadDate": "2024-05-05T18:00:00Z"}"#
        ])
        #expect(blankPublished.publishedAt == Fixture.date("2024-05-05T18:00:00Z"))
    }

    @Test(
        "A page with only a modified date keeps publishedAt empty and offers the modified date as its date",
        arguments: [
            #"<meta property="article:modified_time" content="2024-05-06T07:00:00Z">"#,
            #"<meta itemprop="dateModified" content="2024-05-06T07:00:00Z">"#,
            #"<time itemprop="dateModified" datetime="2024-05-06T07:00:00Z">6 May</time>"#,
        ])
    func modifiedDateOnly(_ element: String) throws {
        let metadata = try extract("<title>t</title>" + element)
        #expect(metadata.publishedAt == nil)
        #expect(metadata.updatedAt == Fixture.date("2024-05-06T07:00:00Z"))
        #expect(metadata.displayDate == Fixture.date("2024-05-06T07:00:00Z"))
    }

    @Test("An Open Graph published time still wins over meta date, microdata and <time>")
    func openGraphStillWins() throws {
        let metadata = try extract(
            """
            <meta property="article:published_time" content="2024-05-07T00:00:00Z"><meta name="date" content="2020-01-01">
            <article><time itemprop="datePublished" datetime="2021-01-01">x</time></article>
            """)
        #expect(metadata.publishedAt == Fixture.date("2024-05-07T00:00:00Z"))
        #expect(metadata.displayDate == metadata.publishedAt)
    }
}

/// One page with the microdata, byline and canonical shapes tested here (also a fuzz seed).
@Suite("Microdata and byline page")
struct MicrodataBylinePageTests {
    @Test(
        "Microdata dates and author win over <time> in the page furniture, byl, a profile domain and a handle; og:url beats a canonical on another site"
    )
    func microdataBylinePage() throws {
        let metadata = try HTMLMetadataExtractor.extract(
            html: Fixture.bytes("html/microdata-byline.html"), documentURL: URL(string: "https://journal.rose-ash.example/firing-log-3?ref=x")!,
            contentType: "text/html")
        #expect(metadata.publishedAt == Fixture.date("2024-05-16T05:45:00Z"))
        #expect(metadata.updatedAt == Fixture.date("2024-05-17T09:00:00Z"))
        #expect(metadata.author == "Eira Lloyd")
        #expect(metadata.url == "https://journal.rose-ash.example/firing-log-3")
    }
}
