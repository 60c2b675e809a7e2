/// Paths and absolute URLs of a demo app's pages.
enum DemoURLs {
    static func pagePath(kind: DemoAppKind, slug: String) -> String {
        "/\(kind.section)/\(DemoEncoding.pathComponent(slug))"
    }

    static func page(origin: String, kind: DemoAppKind, slug: String) -> String {
        origin + pagePath(kind: kind, slug: slug)
    }

    /// The sharing image (`og:image`, feeds, webhooks): a 600×315 JPEG.
    static func image(origin: String, slug: String) -> String {
        origin + "/images/\(DemoEncoding.pathComponent(slug)).jpg"
    }

    /// What the sharing image shows (`og:image:alt`, the webhook's `image_alt`).
    static let imageAlt = "A coloured card: a diagonal gradient with a pale oval on the right"

    /// The titled SVG card shown on the page itself.
    static func cardImage(origin: String, slug: String) -> String {
        origin + "/images/\(DemoEncoding.pathComponent(slug)).svg"
    }

    static func feed(origin: String) -> String { origin + "/feed.xml" }
}
