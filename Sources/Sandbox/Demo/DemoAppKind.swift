/// The three demo content apps served next to the platform emulators: a ceramics blog, a studio
/// events listing and a small market. Each kind declares what differs between them as data.
public enum DemoAppKind: String, CaseIterable, Sendable, Hashable {
    /// Blog posts (`BlogPosting`, content type `blog_post`).
    case blog
    /// Studio events (`Event`, content type `event`).
    case events
    /// Market products (`Product`, content type `product`).
    case market

    /// Human name shown in page headers and feeds.
    var siteName: String {
        switch self {
        case .blog: "Ash Glaze Notes"
        case .events: "Kiln Street Studio — Events"
        case .market: "Kiln Street Market"
        }
    }

    /// One-line description used by the list page and the feed channel.
    var tagline: String {
        switch self {
        case .blog: "A potter's notebook on glazes, clay bodies and firing."
        case .events: "Open evenings, firings and classes at the studio."
        case .market: "Hand-thrown stoneware and porcelain from the studio."
        }
    }

    /// Path segment of detail pages, e.g. `/posts/<slug>`.
    var section: String {
        switch self {
        case .blog: "posts"
        case .events: "events"
        case .market: "products"
        }
    }

    /// `content_type` in publish webhooks and `type` of the share-button fragment.
    var contentType: String {
        switch self {
        case .blog: "blog_post"
        case .events: "event"
        case .market: "product"
        }
    }

    /// `og:type` of detail pages.
    var openGraphType: String {
        switch self {
        case .blog: "article"
        case .events: "website"
        case .market: "product"
        }
    }

    /// schema.org type of the JSON-LD on detail pages.
    var schemaType: String {
        switch self {
        case .blog: "BlogPosting"
        case .events: "Event"
        case .market: "Product"
        }
    }

    /// Name sent in `X-Rose-Ash-App` (the name the app is registered under in the service).
    var appName: String { rawValue }

    /// Environment variable holding the webhook signing secret.
    var secretVariable: String {
        switch self {
        case .blog: "DEMO_BLOG_SECRET"
        case .events: "DEMO_EVENTS_SECRET"
        case .market: "DEMO_MARKET_SECRET"
        }
    }

    /// Default port of the app (origins must differ, so each app has its own).
    var defaultPort: Int {
        switch self {
        case .blog: 8201
        case .events: 8202
        case .market: 8203
        }
    }

    /// Label of the publish button on the list page.
    var publishLabel: String {
        switch self {
        case .blog: "Publish a new demo post"
        case .events: "Publish a new demo event"
        case .market: "Publish a new demo product"
        }
    }
}
