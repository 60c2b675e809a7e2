import Foundation

/// The state of one demo app: its public origin (known once the port is bound), its items and
/// what the service said about each item published from the list page.
actor DemoSite {
    let kind: DemoAppKind
    private(set) var origin: String
    private var items: [DemoItem]
    private var published = 0
    private var outcomes: [String: PublishOutcome] = [:]

    init(kind: DemoAppKind, origin: String) {
        self.kind = kind
        self.origin = origin
        self.items = DemoCatalog.items(for: kind)
    }

    /// Sets the origin once the listener reports its port (port 0 in tests).
    func setOrigin(_ origin: String) { self.origin = origin }

    /// Items, newest first.
    func allItems() -> [DemoItem] { items }

    func item(slug: String) -> DemoItem? { items.first { $0.slug == slug } }

    func outcome(slug: String) -> PublishOutcome? { outcomes[slug] }

    func record(_ outcome: PublishOutcome, slug: String) { outcomes[slug] = outcome }

    /// Absolute URL of an item's detail page.
    func pageURL(of item: DemoItem) -> String { DemoURLs.page(origin: origin, kind: kind, slug: item.slug) }

    /// Adds a freshly "published" item (title carries a counter and the time) and returns it.
    func addGeneratedItem(now: Date = Date()) -> DemoItem {
        published += 1
        let time = now.formatted(Date.ISO8601FormatStyle().time(includingFractionalSeconds: false))
        let stamp = "\(Int(now.timeIntervalSince1970))-\(published)"
        var item: DemoItem
        switch kind {
        case .blog:
            item = DemoItem(
                slug: "demo-post-\(stamp)", title: "Demo post #\(published) (\(time) UTC)",
                summary: "A fresh note from the studio, published from the demo blog.",
                paragraphs: ["This post was published with the demo button to show the publish webhook."],
                tags: ["demo", "studio"], authorName: "Ada Potter", publishedAt: now, hue: (published * 47) % 360)
        case .events:
            item = DemoItem(
                slug: "demo-event-\(stamp)", title: "Demo event #\(published) (\(time) UTC)",
                summary: "A pop-up glazing session, published from the demo events app.",
                paragraphs: ["Added with the demo button to show the publish webhook."],
                tags: ["demo", "workshop"], authorName: "Kiln Street Studio", publishedAt: now, hue: (published * 47) % 360,
                event: DemoEventDetails(
                    startDate: now.addingTimeInterval(7 * 86_400), endDate: now.addingTimeInterval(7 * 86_400 + 7_200),
                    venueName: "Kiln Street Studio", venueAddress: "4 Kiln Street, Stoke-on-Trent ST1 3AA"))
        case .market:
            item = DemoItem(
                slug: "demo-product-\(stamp)", title: "Demo jug #\(published) (\(time) UTC)",
                summary: "A small pouring jug, listed from the demo market.",
                paragraphs: ["Added with the demo button to show the publish webhook."],
                tags: ["demo", "jug"], authorName: "Ada Potter", publishedAt: now, hue: (published * 47) % 360,
                product: DemoProductDetails(price: "24.00", currency: "GBP", inStock: true))
        }
        items.insert(item, at: 0)
        return item
    }
}
