import Foundation
import Testing

@testable import Ingest

/// JSON-LD variants: Event, Product, @graph with references, arrays, invalid blocks.
@Suite("JSON-LD")
struct JSONLDTests {
    @Test("An Event gives start and end dates, the venue name and a one-line address")
    func event() throws {
        let metadata = try HTMLMetadataExtractor.extract(
            html: Fixture.bytes("html/event.html"), documentURL: URL(string: "https://rose-ash.example/events/midsummer")!,
            contentType: nil)
        #expect(
            metadata.event
                == EventDetails(
                    startDate: Fixture.date("2024-06-21T17:30:00Z"), endDate: Fixture.date("2024-06-21T21:00:00Z"),
                    locationName: "Rose Ash Pottery Yard",
                    address: "3 Cinder Lane, Hebden Bridge, West Yorkshire, HX7 8AA, GB"))
        #expect(metadata.type == "event")
        #expect(metadata.title == "Midsummer Kiln Opening")
        #expect(metadata.description == "Watch us unbrick the anagama and see the pots before anyone else.")
        #expect(metadata.image?.url == "https://cdn.rose-ash.example/events/midsummer.jpg")
    }

    @Test("An Event with a plain-text location and string address")
    func eventPlainLocation() {
        let facts = JSONLDReader.read([
            #"{"@type": "MusicEvent", "name": "Kiln jam", "startDate": "2024-07-01", "location": "The yard"}"#
        ])
        #expect(facts.event == EventDetails(startDate: Fixture.date("2024-07-01T00:00:00Z"), locationName: "The yard"))
        #expect(facts.primaryType == "MusicEvent")
    }

    @Test("A Product's first offer gives price, currency and availability without the schema.org prefix")
    func product() {
        let facts = JSONLDReader.read([
            #"{"@type": "Product", "name": "Jug", "offers": {"@type": "AggregateOffer", "lowPrice": "18.50", "priceCurrency": "GBP", "availability": "schema:LimitedAvailability"}}"#
        ])
        #expect(facts.product == ProductDetails(price: "18.50", currency: "GBP", availability: "LimitedAvailability"))
    }

    @Test("@graph objects are flattened and @id references to the image and publisher are followed")
    func graphReferences() {
        let facts = JSONLDReader.read([
            """
            {"@context": "https://schema.org", "@graph": [
              {"@type": "Organization", "@id": "#org", "name": "Rose Ash Co-op"},
              {"@type": "ImageObject", "@id": "#img", "url": "/i.jpg", "width": 640, "height": {"@type": "QuantitativeValue", "value": 480}},
              {"@type": "WebPage", "@id": "#page", "name": "Page name"},
              {"@type": "Article", "headline": "Graph headline", "image": {"@id": "#img"},
               "publisher": {"@id": "#org"}, "author": "Mara Quill", "mainEntityOfPage": {"@id": "https://rose-ash.example/graph"}}
            ]}
            """
        ])
        #expect(facts.title == "Graph headline")
        #expect(facts.image == ContentImage(url: "/i.jpg", width: 640, height: 480))
        #expect(facts.siteName == "Rose Ash Co-op")
        #expect(facts.author == "Mara Quill")
        #expect(facts.url == "https://rose-ash.example/graph")
    }

    @Test("An Article is primary over a WebPage listed before it; types with URL prefixes are recognised")
    func articleIsPrimary() {
        let facts = JSONLDReader.read([
            #"[{"@type": "WebPage", "name": "Page"}, {"@type": "http://schema.org/BlogPosting", "headline": "Post"}]"#
        ])
        #expect(facts.title == "Post")
        #expect(facts.primaryType == "BlogPosting")
    }

    @Test("Invalid JSON-LD is skipped, comment-wrapped JSON-LD with raw line breaks is recovered")
    func invalidSkippedAndWrappedRecovered() throws {
        let metadata = try HTMLMetadataExtractor.extract(
            html: Fixture.bytes("html/invalid-jsonld.html"), documentURL: URL(string: "https://rose-ash.example/x")!,
            contentType: nil)
        #expect(metadata.title == "Recovered headline with a raw line break")
        #expect(metadata.publishedAt == Fixture.date("2024-02-29T00:00:00Z"))
        let facts = JSONLDReader.read(LibXML.parseHTML(try Fixture.bytes("html/invalid-jsonld.html"), encoding: "UTF-8").jsonLDScripts)
        #expect(facts.invalidBlockCount == 2)
    }

    @Test("Only scripts typed application/ld+json are read")
    func otherScriptsIgnored() throws {
        let html =
            #"<script>{"@type":"Article","headline":"no"}</script><script type="application/ld+json; charset=utf-8">{"@type":"Article","headline":"yes"}</script>"#
        let metadata = try HTMLMetadataExtractor.extract(html: Array(html.utf8), documentURL: URL(string: "https://x.example/")!, contentType: nil)
        #expect(metadata.title == "yes")
    }

    @Test("Keyword strings split on commas; keyword arrays are kept as given")
    func keywords() {
        #expect(JSONLDValue.keywords("a, b ,, c") == ["a", "b", "c"])
        #expect(JSONLDValue.keywords(["x, y", "z"]) == ["x, y", "z"])
    }
}
