import Foundation
import Testing

@testable import Ingest

/// Each field's documented precedence, proven by pages whose sources disagree.
@Suite("HTML metadata precedence")
struct HTMLPrecedenceTests {
    static let journalURL = URL(string: "https://journal.rose-ash.example/2024/05/kiln-diaries-anagama?ref=feed")!

    func extract(_ fixture: String, url: URL = journalURL, contentType: String? = "text/html") throws -> ContentMetadata {
        try HTMLMetadataExtractor.extract(html: Fixture.bytes("html/" + fixture), documentURL: url, contentType: contentType)
    }

    @Test("Open Graph wins over Twitter, JSON-LD and plain HTML for every field it gives")
    func openGraphWins() throws {
        let metadata = try extract("blog-post.html")
        #expect(metadata.title == "Kiln diaries: firing the anagama")
        #expect(metadata.description == "Five days, three tonnes of larch and a kiln that breathes — notes from our spring firing & what came out.")
        #expect(metadata.siteName == "Rose Ash Journal")
        #expect(metadata.type == "article")
        #expect(metadata.locale == "en_GB")
        #expect(
            metadata.image
                == ContentImage(
                    url: "https://cdn.rose-ash.example/journal/anagama-door.jpg", width: 1200, height: 630,
                    alt: "The bricked-up kiln door glowing orange at night"))
        #expect(metadata.publishedAt == Fixture.date("2024-05-14T08:30:00Z"))
        #expect(metadata.updatedAt == Fixture.date("2024-05-16T18:05:12.250Z"))
    }

    @Test("link rel=canonical wins over og:url and the document URL")
    func canonicalWins() throws {
        #expect(try extract("blog-post.html").url == "https://journal.rose-ash.example/2024/05/kiln-diaries-anagama")
    }

    @Test("article:author that is a profile URL is skipped in favour of a named article:author")
    func articleAuthorSkipsURLs() throws {
        #expect(try extract("blog-post.html").author == "Mara Quill")
    }

    @Test("Tags are the union of article:tag, JSON-LD keywords and meta keywords, de-duplicated case-insensitively in order")
    func tagsUnion() throws {
        #expect(try extract("blog-post.html").tags == ["Wood firing", "Ceramics", "Kilns", "pottery", "anagama"])
    }

    @Test("Twitter card values win over JSON-LD and plain HTML when Open Graph is absent")
    func twitterWinsWithoutOpenGraph() throws {
        let url = URL(string: "https://rose-ash.example/events/open-studio")!
        let metadata = try extract("twitter-fallback.html", url: url)
        #expect(metadata.title == "Open studio weekend at Rose Ash")
        #expect(metadata.description == "Throwing demos, a raku pit and soup, all weekend.")
        #expect(metadata.image == ContentImage(url: "https://rose-ash.example/media/open-studio/raku.jpg", alt: "A raku pot smoking in sawdust"))
        #expect(metadata.author == "@roseash")
        #expect(metadata.type == "website")
        #expect(metadata.locale == "en")
        #expect(metadata.url == "https://rose-ash.example/events/open-studio")
    }

    @Test("JSON-LD wins over <title>, meta description, meta author, meta keywords order and image_src")
    func jsonLDWinsOverPlainHTML() throws {
        let url = URL(string: "https://news.rose-ash.example/2024/03/vote")!
        let metadata = try extract("jsonld-fallback.html", url: url)
        #expect(metadata.title == "Co-op members vote to build a second kiln & drying shed")
        #expect(metadata.description == "The vote passed 41 to 3 at the spring general meeting.")
        #expect(metadata.author == "Jo Harrow, Sam Ibe")
        #expect(metadata.siteName == "Rose Ash News")
        #expect(metadata.type == "article")
        #expect(metadata.locale == "en-US")
        #expect(metadata.url == "https://news.rose-ash.example/news/second-kiln")
        #expect(
            metadata.image
                == ContentImage(
                    url: "https://news.rose-ash.example/images/kiln-site.jpg", width: 1600, height: 900, alt: "The proposed kiln site"))
        #expect(metadata.publishedAt == Fixture.date("2024-03-02T18:00:00Z"))
        #expect(metadata.updatedAt == Fixture.date("2024-03-03T13:15:00.500Z"))
        #expect(metadata.tags == ["Kilns", "co-op", "TENMOKU", "glaze"])
    }

    @Test("Plain HTML tags are used when nothing richer exists, even in broken markup")
    func plainHTMLFallback() throws {
        let url = URL(string: "https://rose-ash.example/blog/slipware/")!
        let metadata = try extract("plain-broken.html", url: url, contentType: nil)
        #expect(metadata.title == "Rose Ash & the Slipware Revival — notes from the workshop")
        #expect(metadata.description == "A short history of slipware, trailed and feathered.")
        #expect(metadata.author == "Eira Lloyd")
        #expect(metadata.tags == ["slipware", "earthenware", "history"])
        #expect(metadata.image == ContentImage(url: "https://rose-ash.example/blog/slipware/images/slipware-dish.jpg"))
        #expect(metadata.locale == "cy")
        #expect(metadata.url == "https://rose-ash.example/blog/slipware/")
        #expect(metadata.siteName == nil)
        #expect(metadata.publishedAt == nil)
    }

    @Test("JSON-LD offers win over Open Graph product tags, taken as one block")
    func productJSONLDWins() throws {
        let metadata = try extract("product.html", url: URL(string: "https://market.rose-ash.example/celadon")!)
        #expect(metadata.product == ProductDetails(price: "42.5", currency: "GBP", availability: "InStock"))
        #expect(metadata.type == "product")
        #expect(metadata.title == "Celadon tea bowl, wood-fired")
    }

    @Test("Open Graph product tags are used when there is no JSON-LD offer")
    func openGraphProductFallback() throws {
        let metadata = try extract("og-product.html", url: URL(string: "https://market.rose-ash.example/jug")!)
        #expect(metadata.product == ProductDetails(price: "28.00", currency: "GBP", availability: "in stock"))
    }

    @Test("The first og:title wins when a page repeats it")
    func firstDuplicateWins() throws {
        let html = """
            <meta property="og:title" content="First"><meta property="og:title" content="Second">
            <meta name="og:description" content="Declared with name instead of property">
            """
        let metadata = try HTMLMetadataExtractor.extract(
            html: Array(html.utf8), documentURL: Self.journalURL, contentType: nil)
        #expect(metadata.title == "First")
        #expect(metadata.description == "Declared with name instead of property")
    }

    @Test("The document URL is used when no canonical, og:url or JSON-LD url is given")
    func documentURLFallback() throws {
        let metadata = try HTMLMetadataExtractor.extract(
            html: Array("<title>x</title>".utf8), documentURL: Self.journalURL, contentType: nil)
        #expect(metadata.url == Self.journalURL.absoluteString)
    }
}
