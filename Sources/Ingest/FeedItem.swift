import Foundation

/// One entry of a feed, with text cleaned and URLs resolved against the feed URL.
package struct FeedItem: Codable, Sendable, Equatable {
    /// The publisher's identifier: RSS `guid`, Atom `id`, JSON Feed `id`; else the link.
    package var id: String?
    /// Absolute http(s) URL of the item's page.
    package var link: String?
    /// Title as plain text.
    package var title: String?
    /// Summary as plain text (markup stripped, entities decoded, whitespace normalised).
    package var summary: String?
    /// Full content as HTML when the feed provides it (`content:encoded`, Atom `content`
    /// of type `html`, JSON Feed `content_html`), untouched apart from trimming.
    package var contentHTML: String?
    /// When the item was published (falls back to its update time when that is all there is).
    package var publishedAt: Date?
    /// When the item was last updated, when the feed says so.
    package var updatedAt: Date?
    /// Author name(s).
    package var author: String?
    /// Absolute http(s) URL of the item's image.
    package var image: String?
    /// Categories or tags, trimmed and de-duplicated case-insensitively, in feed order.
    package var categories: [String]

    /// Creates an item; every field defaults to absent.
    package init(
        id: String? = nil, link: String? = nil, title: String? = nil, summary: String? = nil,
        contentHTML: String? = nil, publishedAt: Date? = nil, updatedAt: Date? = nil, author: String? = nil,
        image: String? = nil, categories: [String] = []
    ) {
        self.id = id
        self.link = link
        self.title = title
        self.summary = summary
        self.contentHTML = contentHTML
        self.publishedAt = publishedAt
        self.updatedAt = updatedAt
        self.author = author
        self.image = image
        self.categories = categories
    }
}
