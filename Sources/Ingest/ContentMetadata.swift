import Foundation

/// Everything `HTMLMetadataExtractor` learns about a page, already merged by precedence.
///
/// Strings are whitespace-normalised and never empty (absent values are `nil`); URLs are
/// absolute `http`/`https`. See `HTMLMetadataExtractor` for which source wins for each field.
package struct ContentMetadata: Codable, Sendable, Equatable {
    /// The canonical URL when the page declares a usable one, otherwise the document URL.
    package var url: String
    /// The page's title.
    package var title: String?
    /// A short description or summary.
    package var description: String?
    /// The name of the site the page belongs to.
    package var siteName: String?
    /// The kind of content: the Open Graph type (`article`, `website`, …) or one derived
    /// from JSON-LD (`article`, `event`, `product`).
    package var type: String?
    /// The content's locale or language tag, as declared (`en_GB`, `en-GB`, `ja`).
    package var locale: String?
    /// The author's name.
    package var author: String?
    /// The representative image.
    package var image: ContentImage?
    /// When the content was first published.
    package var publishedAt: Date?
    /// When the content was last modified.
    package var updatedAt: Date?
    /// The one date to show for the content: `publishedAt`, else `updatedAt`. A page that only
    /// says when it was modified keeps `publishedAt` empty (that is not when it appeared), but
    /// a reader still expects a date on it, so consumers that store or show one date use this.
    package var displayDate: Date? { publishedAt ?? updatedAt }
    /// Tags and keywords, trimmed, de-duplicated case-insensitively, in first-seen order.
    package var tags: [String]
    /// Event details, when the page describes an event.
    package var event: EventDetails?
    /// Product offer details, when the page describes a product.
    package var product: ProductDetails?

    /// Creates metadata; every field but `url` defaults to absent.
    package init(
        url: String, title: String? = nil, description: String? = nil, siteName: String? = nil,
        type: String? = nil, locale: String? = nil, author: String? = nil, image: ContentImage? = nil,
        publishedAt: Date? = nil, updatedAt: Date? = nil, tags: [String] = [],
        event: EventDetails? = nil, product: ProductDetails? = nil
    ) {
        self.url = url
        self.title = title
        self.description = description
        self.siteName = siteName
        self.type = type
        self.locale = locale
        self.author = author
        self.image = image
        self.publishedAt = publishedAt
        self.updatedAt = updatedAt
        self.tags = tags
        self.event = event
        self.product = product
    }
}
