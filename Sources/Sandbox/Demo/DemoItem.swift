import Foundation

/// One piece of demo content: a blog post, an event or a product.
struct DemoItem: Sendable {
    /// URL path component; unique within an app.
    var slug: String
    var title: String
    /// Short description (meta description, feed item description, share text).
    var summary: String
    /// Body paragraphs (plain text, escaped when rendered).
    var paragraphs: [String]
    var tags: [String]
    /// Display name of the author or organiser.
    var authorName: String
    var publishedAt: Date
    /// Hue (0–359) of the generated SVG image.
    var hue: Int
    /// Set for events.
    var event: DemoEventDetails? = nil
    /// Set for products.
    var product: DemoProductDetails? = nil
}
