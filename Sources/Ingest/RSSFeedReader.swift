import Foundation

/// Reads RSS 2.0 (and 0.9x) and RSS 1.0 documents, with the content, Dublin Core and Media
/// RSS namespaces.
///
/// Per item:
/// - link: `<link>`, else a `<guid>` that is not `isPermaLink="false"` and is an http(s) URL;
///   resolved against the feed URL
/// - id: `<guid>`, else the RSS 1.0 `rdf:about`, else the link
/// - summary: `<description>` as plain text, else `content:encoded` as plain text
/// - publishedAt: `<pubDate>` (RFC 822 and its common variants), else `dc:date` (ISO 8601)
/// - author: `dc:creator`, else the name in `<author>`
/// - image: `media:content` that is an image › `<enclosure>` with an `image/*` type ›
///   `media:thumbnail` (anywhere in the item, e.g. inside `media:group`)
/// - categories: every `<category>` then `dc:subject`
enum RSSFeedReader {
    /// Reads `root` (`<rss>` or `<rdf:RDF>`). RSS 1.0 items are siblings of the channel.
    static func read(root: XMLElementSnapshot, feedURL: URL, format: FeedFormat) -> ParsedFeed {
        let namespace: String? = format == .rdf ? XMLNamespace.rss1 : nil
        var feed = ParsedFeed(format: format)
        let channel = root.child(named: "channel", namespace: namespace)
        if let channel {
            feed.title = FeedText.plain(channel.child(named: "title", namespace: namespace)?.textContent)
            feed.link = URLResolver.resolve(channel.child(named: "link", namespace: namespace)?.textContent, against: feedURL)
            feed.description = FeedText.plain(channel.child(named: "description", namespace: namespace)?.textContent)
        } else {
            feed.problems.append("The feed has no <channel> element, so it has no title or link.")
        }
        let itemElements =
            format == .rdf
            ? root.children(named: "item", namespace: namespace)
            : (channel?.children(named: "item") ?? []) + root.children(named: "item")
        for (offset, element) in itemElements.enumerated() {
            let (item, problems) = readItem(element, namespace: namespace, feedURL: feedURL)
            feed.problems += problems.map { "Item \(offset + 1): \($0)" }
            if item.link == nil && item.title == nil && item.summary == nil {
                feed.problems.append("Item \(offset + 1) has no link, title or description and was skipped.")
                continue
            }
            feed.items.append(item)
        }
        return feed
    }

    private static func readItem(
        _ element: XMLElementSnapshot, namespace: String?, feedURL: URL
    ) -> (FeedItem, [String]) {
        var problems: [String] = []
        func text(_ name: String, _ ns: String? = namespace) -> String? {
            element.child(named: name, namespace: ns)?.textContent
        }
        var item = FeedItem()
        let guid = element.child(named: "guid", namespace: namespace)
        item.link = URLResolver.resolve(text("link"), against: feedURL)
        if item.link == nil, let guid, guid.attributes["isPermaLink"]?.lowercased() != "false" {
            item.link = URLResolver.resolve(guid.textContent, against: feedURL)
        }
        item.id = FeedText.trimmed(guid?.textContent) ?? FeedText.trimmed(element.attributes["about"]) ?? item.link
        item.title = FeedText.plain(text("title"))
        item.contentHTML = FeedText.trimmed(text("encoded", XMLNamespace.content))
        item.summary = FeedText.plain(text("description")) ?? FeedText.plain(item.contentHTML)

        let rawDate = FeedText.trimmed(text("pubDate")) ?? FeedText.trimmed(text("date", XMLNamespace.dublinCore))
        if let rawDate {
            item.publishedAt = DateParser.flexible(rawDate)
            if item.publishedAt == nil { problems.append("the date \"\(rawDate)\" is not RFC 822 or ISO 8601; ignored.") }
        }
        item.author = FeedText.plain(text("creator", XMLNamespace.dublinCore)) ?? FeedText.authorName(text("author"))
        item.image = image(in: element, feedURL: feedURL)
        let categories = element.children(named: "category", namespace: namespace).map(\.textContent)
            + element.children(named: "subject", namespace: XMLNamespace.dublinCore).map(\.textContent)
        item.categories = HTMLMetadataExtractor.uniqueTags(categories.compactMap { FeedText.plain($0) })
        return (item, problems)
    }

    /// The item's image by the precedence in the type's documentation.
    static func image(in element: XMLElementSnapshot, feedURL: URL) -> String? {
        let mediaContents = XMLNamespace.media.flatMap { element.descendants(named: "content", namespace: $0) }
        for content in mediaContents where isImage(type: content.attributes["type"], medium: content.attributes["medium"]) {
            if let url = URLResolver.resolve(content.attributes["url"], against: feedURL) { return url }
        }
        for enclosure in element.children(named: "enclosure") where enclosure.attributes["type"]?.lowercased().hasPrefix("image/") == true {
            if let url = URLResolver.resolve(enclosure.attributes["url"], against: feedURL) { return url }
        }
        let thumbnails = XMLNamespace.media.flatMap { element.descendants(named: "thumbnail", namespace: $0) }
        return thumbnails.lazy.compactMap { URLResolver.resolve($0.attributes["url"], against: feedURL) }.first
    }

    private static func isImage(type: String?, medium: String?) -> Bool {
        if let medium { return medium.lowercased() == "image" }
        return type?.lowercased().hasPrefix("image/") == true
    }
}
