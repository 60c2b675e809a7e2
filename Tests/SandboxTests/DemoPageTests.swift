import Foundation
import Testing
@testable import Sandbox

/// The demo apps' pages carry what the service (and the platforms) read from a page.
@Suite("Demo app pages") struct DemoPageTests {
    @Test("detail pages carry Open Graph, Twitter card, canonical link and valid JSON-LD", arguments: DemoAppKind.allCases)
    func detailPageMetadata(kind: DemoAppKind) async throws {
        let closed = try await DemoTestSupport.closedPort()
        try await withRunningDemoApps(serviceURL: "http://127.0.0.1:\(closed)") { ports in
            let origin = ports.origin(of: kind)
            let item = try #require(DemoCatalog.items(for: kind).first)
            let pageURL = "\(origin)/\(kind.section)/\(item.slug)"
            let page = try await DemoTestSupport.fetch(pageURL)
            #expect(page.status == 200)
            let meta = DemoTestSupport.metaTags(in: page.body)
            #expect(meta["og:title"] == item.title)
            #expect(meta["og:description"] == item.summary)
            #expect(meta["og:url"] == pageURL)
            #expect(meta["og:type"] == kind.openGraphType)
            #expect(meta["og:image"] == "\(origin)/images/\(item.slug).jpg")
            #expect(meta["twitter:card"] == "summary_large_image")
            #expect(meta["twitter:title"] == item.title)
            #expect(page.body.contains("<link rel=\"canonical\" href=\"\(pageURL)\">"))

            let ld = try #require(DemoTestSupport.jsonLD(in: page.body))
            #expect(ld["@context"] as? String == "https://schema.org")
            #expect(ld["@type"] as? String == kind.schemaType)
            #expect(ld["url"] as? String == pageURL)
            switch kind {
            case .blog:
                #expect(ld["headline"] as? String == item.title)
                #expect((ld["datePublished"] as? String).flatMap { try? Date($0, strategy: .iso8601) } != nil)
            case .events:
                #expect((ld["startDate"] as? String).flatMap { try? Date($0, strategy: .iso8601) } == item.event?.startDate)
                let location = try #require(ld["location"] as? [String: Any])
                #expect(location["name"] as? String == item.event?.venueName)
            case .market:
                let offers = try #require(ld["offers"] as? [String: Any])
                #expect(offers["price"] as? String == item.product?.price)
                #expect(offers["priceCurrency"] as? String == "GBP")
                #expect(offers["availability"] as? String == item.product?.availability)
            }

            let image = try await DemoTestSupport.fetch(meta["og:image"] ?? "")
            #expect(image.status == 200)
            #expect(image.headers.first(name: "Content-Type") == "image/jpeg")
            #expect(image.body.hasPrefix("\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\0\u{10}JFIF"))  // SOI and APP0 markers are not UTF-8
        }
    }

    @Test("feeds are well-formed RSS listing every item with absolute links", arguments: DemoAppKind.allCases)
    func feedListsItems(kind: DemoAppKind) async throws {
        let closed = try await DemoTestSupport.closedPort()
        try await withRunningDemoApps(serviceURL: "http://127.0.0.1:\(closed)") { ports in
            let feed = try await DemoTestSupport.fetch(ports.origin(of: kind) + "/feed.xml")
            #expect(feed.status == 200)
            #expect(feed.headers.first(name: "Content-Type")?.hasPrefix("application/rss+xml") == true)
            let items = try #require(DemoTestSupport.feedItems(feed.body))
            let catalog = DemoCatalog.items(for: kind)
            #expect(items.map { $0.title } == catalog.map(\.title))
            #expect(items.map { $0.link } == catalog.map { "\(ports.origin(of: kind))/\(kind.section)/\($0.slug)" })
        }
    }

    @Test("list pages link every item and offer the publish form; unknown pages are 404")
    func listPagesAndNotFound() async throws {
        let closed = try await DemoTestSupport.closedPort()
        try await withRunningDemoApps(serviceURL: "http://127.0.0.1:\(closed)") { ports in
            #expect(Set(DemoAppKind.allCases.map { ports[$0] }).count == 3)
            for kind in DemoAppKind.allCases {
                let list = try await DemoTestSupport.fetch(ports.origin(of: kind) + "/")
                #expect(list.status == 200)
                #expect(list.body.contains("<form method=\"post\" action=\"/publish\""))
                for item in DemoCatalog.items(for: kind) {
                    #expect(list.body.contains("href=\"/\(kind.section)/\(item.slug)\""))
                }
                let missing = try await DemoTestSupport.fetch(ports.origin(of: kind) + "/\(kind.section)/no-such-item")
                #expect(missing.status == 404)
            }
        }
    }

    @Test("item text is escaped in pages, JSON-LD and query strings")
    func escaping() throws {
        #expect(DemoEncoding.html(#"<a href="x">Tom & 'Jo'</a>"#) == "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jo&#39;&lt;/a&gt;")
        #expect(DemoEncoding.queryValue("a b&c=d/é") == "a%20b%26c%3Dd%2F%C3%A9")
        var item = try #require(DemoCatalog.blogPosts.first)
        item.title = "</script><script>alert(1)</script>"
        let page = DemoPages.detail(kind: .blog, origin: "http://127.0.0.1:1", item: item, shareButton: nil, outcome: nil)
        #expect(!page.contains("<script>alert"))
        let ld = try #require(DemoTestSupport.jsonLD(in: page))
        #expect(ld["headline"] as? String == item.title)
    }
}
