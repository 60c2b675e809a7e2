import Foundation

/// Reads RSS 0.9x and 2.0 (`<rss>`, in no namespace or the one its root declares) and RSS
/// 0.90 and 1.0 (`<rdf:RDF>`), with the content, Dublin Core, Media RSS and iTunes namespaces.
///
/// Per item (the first source that gives a usable value wins):
/// - title: `<title>` › `dc:title` › `media:title` (also inside `media:group`/`media:content`)
///   › `itunes:subtitle`
/// - link: `<link>`, else a `<guid>` that is not `isPermaLink="false"` and is an http(s) URL;
///   resolved against the feed URL
/// - id: `<guid>` › the RSS 1.0 `rdf:about` › the link
/// - summary: `<description>` › `content:encoded` › `itunes:summary` › `media:description`,
///   each as plain text
/// - contentHTML: `content:encoded`
/// - publishedAt: `<pubDate>` (RFC 822 and its common variants) › `dc:date` (ISO 8601)
/// - author: `dc:creator` › the name in `<author>` › `itunes:author`
/// - image: `media:content` that is an image › `<enclosure>` with an `image/*` type ›
///   `media:thumbnail` (anywhere in the item, e.g. inside `media:group`)
/// - categories: every `<category>` then `dc:subject`
///
/// An item is kept when it has any of title, link, id, summary, content or date (a podcast
/// episode may have only a `guid`); an item with none of them is skipped and reported.
enum RSSFeedReader {
    /// Reads `root` (`<rss>` or `<rdf:RDF>`). RSS 1.0 items are siblings of the channel.
    static func read(root: XMLElementSnapshot, feedURL: URL, format: FeedFormat) -> ParsedFeed {
        let namespace = elementNamespace(root: root, format: format)
        var feed = ParsedFeed(format: format)
        let channel = root.child(named: "channel", namespace: namespace)
        if let channel {
            feed.title =
                FeedText.plain(channel.child(named: "title", namespace: namespace)?.textContent)
                ?? FeedText.plain(channel.child(named: "title", namespace: XMLNamespace.dublinCore)?.textContent)
            feed.link = URLResolver.resolve(channel.child(named: "link", namespace: namespace)?.textContent, against: feedURL)
            feed.description =
                FeedText.plain(channel.child(named: "description", namespace: namespace)?.textContent)
                ?? FeedText.plain(channel.child(named: "subtitle", namespace: XMLNamespace.itunes)?.textContent)
        } else {
            feed.problems.append("The feed has no <channel> element, so it has no title or link.")
        }
        let itemElements =
            format == .rdf
            ? root.children(named: "item", namespace: namespace)
            : (channel?.children(named: "item", namespace: namespace) ?? []) + root.children(named: "item", namespace: namespace)
        for (offset, element) in itemElements.enumerated() {
            let (item, problems) = readItem(element, namespace: namespace, feedURL: feedURL)
            feed.problems += problems.map { "Item \(offset + 1): \($0)" }
            if item.link == nil && item.title == nil && item.summary == nil && item.id == nil && item.contentHTML == nil
                && item.publishedAt == nil
            {
                feed.problems.append("Item \(offset + 1) has no title, link, guid, description or date and was skipped.")
                continue
            }
            feed.items.append(item)
        }
        return feed
    }

    /// The namespace of the channel and item elements: whatever `<rss>` declares (usually
    /// none; some RSS 2.0 feeds declare `http://backend.userland.com/rss2`), or for RDF the
    /// RSS 1.0 namespace, or RSS 0.90's when the document uses that.
    private static func elementNamespace(root: XMLElementSnapshot, format: FeedFormat) -> String? {
        guard format == .rdf else { return root.namespace }
        let usesRSS090 = root.children.contains { $0.namespace == XMLNamespace.rss090 && ($0.name == "channel" || $0.name == "item") }
        return usesRSS090 ? XMLNamespace.rss090 : XMLNamespace.rss1
    }

    private static func readItem(
        _ element: XMLElementSnapshot, namespace: String?, feedURL: URL
    ) -> (FeedItem, [String]) {
        var problems: [String] = []
        func text(_ name: String, _ ns: String? = namespace) -> String? {
            element.child(named: name, namespace: ns)?.textContent
        }
        func media(_ name: String) -> String? {
            XMLNamespace.media.lazy.compactMap { element.descendants(named: name, namespace: $0).first?.textContent }.first
        }
        var item = FeedItem()
        let guid = element.child(named: "guid", namespace: namespace)
        item.link = URLResolver.resolve(text("link"), against: feedURL)
        if item.link == nil, let guid, guid.attributes["isPermaLink"]?.lowercased() != "false" {
            item.link = URLResolver.resolve(guid.textContent, against: feedURL)
        }
        item.id = FeedText.trimmed(guid?.textContent) ?? FeedText.trimmed(element.attributes["about"]) ?? item.link
        item.title =
            FeedText.plain(text("title")) ?? FeedText.plain(text("title", XMLNamespace.dublinCore))
            ?? FeedText.plain(media("title")) ?? FeedText.plain(text("subtitle", XMLNamespace.itunes))
        item.contentHTML = FeedText.trimmed(text("encoded", XMLNamespace.content))
        item.summary =
            FeedText.plain(text("description")) ?? FeedText.plain(item.contentHTML)
            ?? FeedText.plain(text("summary", XMLNamespace.itunes)) ?? FeedText.plain(media("description"))

        let rawDate = FeedText.trimmed(text("pubDate")) ?? FeedText.trimmed(text("date", XMLNamespace.dublinCore))
        if let rawDate {
            item.publishedAt = DateParser.flexible(rawDate)
            if item.publishedAt == nil { problems.append("the date \"\(rawDate)\" is not RFC 822 or ISO 8601; ignored.") }
        }
        item.author =
            FeedText.plain(text("creator", XMLNamespace.dublinCore)) ?? FeedText.authorName(text("author"))
            ?? FeedText.plain(text("author", XMLNamespace.itunes))
        item.image = image(in: element, feedURL: feedURL)
        let categories =
            element.children(named: "category", namespace: namespace).map(\.textContent)
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
