import Foundation

/// The seeded content of each demo app (original text written for the offline demo).
enum DemoCatalog {
    /// Items an app starts with, newest first.
    static func items(for kind: DemoAppKind) -> [DemoItem] {
        switch kind {
        case .blog: blogPosts
        case .events: events
        case .market: products
        }
    }

    static func date(_ text: String) -> Date {
        (try? Date(text, strategy: .iso8601)) ?? Date(timeIntervalSince1970: 0)
    }

    static let blogPosts: [DemoItem] = [
        DemoItem(
            slug: "wood-ash-glaze-tests", title: "Twelve wood-ash glaze tests from one bucket",
            summary: "Sieved ash from the studio stove, three clay bodies and a cone 10 reduction firing.",
            paragraphs: [
                "All winter the studio stove burned apple and oak, and the ash went into a lidded bucket.",
                "I washed it twice, sieved it through 80 mesh and mixed it 40:40:20 with feldspar and ball clay.",
                "On the porcelain it ran into pale green pools; on the iron-rich body it broke brown over the throwing rings.",
            ],
            tags: ["glaze", "wood ash", "reduction"], authorName: "Ada Potter",
            publishedAt: date("2026-10-02T09:30:00Z"), hue: 96),
        DemoItem(
            slug: "trimming-foot-rings", title: "Trimming foot rings without a chuck",
            summary: "Tapping a bowl to centre, three clay stops and the loop tool I keep coming back to.",
            paragraphs: [
                "Leather-hard is a window, not a moment: too soft and the foot tears, too dry and the tool chatters.",
                "Tap-centring took me a month of practice. The trick is to tap as the wheel turns away from you.",
            ],
            tags: ["throwing", "trimming"], authorName: "Ada Potter",
            publishedAt: date("2026-09-14T16:00:00Z"), hue: 24),
        DemoItem(
            slug: "kiln-log-september", title: "Kiln log: the September glaze firing",
            summary: "Cone packs, a stalled climb at 1,100 °C and what the bottom shelf taught me.",
            paragraphs: [
                "The climb stalled for forty minutes just past 1,100 °C while the burners fought a damp evening.",
                "Cones 9 and 10 went down on the top shelf; the bottom shelf barely bent cone 9.",
            ],
            tags: ["kiln", "firing"], authorName: "Ada Potter",
            publishedAt: date("2026-09-01T20:15:00Z"), hue: 8),
    ]

    static let events: [DemoItem] = [
        DemoItem(
            slug: "raku-firing-day", title: "Raku firing day in the yard",
            summary: "Bring a bisqued pot, glaze it with us and pull it red-hot from the kiln.",
            paragraphs: ["Gloves, masks and sawdust bins provided. Suitable for ages 14 and up."],
            tags: ["raku", "firing", "workshop"], authorName: "Kiln Street Studio",
            publishedAt: date("2026-11-01T10:00:00Z"), hue: 18,
            event: DemoEventDetails(
                startDate: date("2027-03-13T10:00:00Z"), endDate: date("2027-03-13T16:00:00Z"),
                venueName: "Kiln Street Studio yard", venueAddress: "4 Kiln Street, Stoke-on-Trent ST1 3AA")),
        DemoItem(
            slug: "open-studio-evening", title: "Open studio evening",
            summary: "Wheels, kilns and works in progress: come and see how the studio runs.",
            paragraphs: ["Free entry, tea and biscuits. The wheels are open to try from 7 pm."],
            tags: ["open studio"], authorName: "Kiln Street Studio",
            publishedAt: date("2026-10-20T09:00:00Z"), hue: 200,
            event: DemoEventDetails(
                startDate: date("2027-02-05T18:00:00Z"), endDate: date("2027-02-05T21:00:00Z"),
                venueName: "Kiln Street Studio", venueAddress: "4 Kiln Street, Stoke-on-Trent ST1 3AA")),
        DemoItem(
            slug: "wheel-throwing-beginners", title: "Wheel throwing for beginners (four weeks)",
            summary: "Centring, opening and pulling walls; you leave with four fired pots.",
            paragraphs: ["Four Tuesday evenings. Clay, glazes and firing included in the price."],
            tags: ["class", "throwing"], authorName: "Kiln Street Studio",
            publishedAt: date("2026-10-05T09:00:00Z"), hue: 280,
            event: DemoEventDetails(
                startDate: date("2027-01-12T18:30:00Z"), endDate: date("2027-02-02T20:30:00Z"),
                venueName: "Community Arts Hall", venueAddress: "18 Market Place, Burslem ST6 3AT")),
    ]

    static let products: [DemoItem] = [
        DemoItem(
            slug: "tenmoku-tea-bowl", title: "Tenmoku tea bowl",
            summary: "A wheel-thrown stoneware bowl in a deep iron glaze that breaks rust at the rim.",
            paragraphs: ["About 11 cm across. Food safe, dishwasher safe. Each bowl differs slightly."],
            tags: ["tea bowl", "stoneware"], authorName: "Ada Potter",
            publishedAt: date("2026-10-12T12:00:00Z"), hue: 12,
            product: DemoProductDetails(price: "38.00", currency: "GBP", inStock: true)),
        DemoItem(
            slug: "celadon-bud-vase", title: "Celadon bud vase",
            summary: "A narrow porcelain vase under a pale green celadon with fine crazing.",
            paragraphs: ["18 cm tall. Holds water; the crazing is sealed by the clay body."],
            tags: ["vase", "porcelain"], authorName: "Ada Potter",
            publishedAt: date("2026-10-08T12:00:00Z"), hue: 150,
            product: DemoProductDetails(price: "45.50", currency: "GBP", inStock: true)),
        DemoItem(
            slug: "stoneware-mug-pair", title: "Pair of ash-glazed mugs",
            summary: "Two 300 ml mugs in the wood-ash glaze from the blog, with pulled handles.",
            paragraphs: ["Sold as a pair. The next batch comes out of the kiln in spring."],
            tags: ["mug", "wood ash"], authorName: "Ada Potter",
            publishedAt: date("2026-09-20T12:00:00Z"), hue: 60,
            product: DemoProductDetails(price: "52.00", currency: "GBP", inStock: false)),
    ]
}
