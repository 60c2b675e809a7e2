/// A feed as far as it could be read.
///
/// A malformed feed still gives every item that could be recovered; `problems` then says
/// what was wrong, in sentences a person can act on. An empty `problems` means the feed
/// parsed cleanly.
package struct ParsedFeed: Codable, Sendable, Equatable {
    /// The format that was detected from the content.
    package var format: FeedFormat
    /// The feed's title.
    package var title: String?
    /// Absolute http(s) URL of the site the feed belongs to.
    package var link: String?
    /// The feed's description or subtitle, as plain text.
    package var description: String?
    /// The items, in feed order.
    package var items: [FeedItem]
    /// What went wrong while reading (malformed XML, unreadable dates, skipped items).
    package var problems: [String]

    /// Creates a feed.
    package init(
        format: FeedFormat, title: String? = nil, link: String? = nil, description: String? = nil,
        items: [FeedItem] = [], problems: [String] = []
    ) {
        self.format = format
        self.title = title
        self.link = link
        self.description = description
        self.items = items
        self.problems = problems
    }
}
