import Foundation

/// Reads Atom 1.0 (RFC 4287) feeds.
///
/// URLs are resolved against `xml:base` on the feed and entry when present (each resolved
/// against the one above it), else the feed URL. Per entry:
/// - link: `<link rel="alternate">` (or with no `rel`), else the first `<link>`
/// - summary: `<summary>` as plain text, else `<content>` as plain text
/// - contentHTML: `<content type="html">` (text and xhtml content are not HTML strings)
/// - publishedAt: `<published>`, else `<updated>`; updatedAt: `<updated>`
/// - author: the entry's `<author><name>`s, else the feed's
/// - image: `<link rel="enclosure">` with an `image/*` type › Media RSS `content` (image) ›
///   `thumbnail` (e.g. YouTube's `media:group`)
/// - categories: each `<category>`'s `label`, else its `term`
enum AtomFeedReader {
    /// Reads `root`, a `<feed>` element in the Atom namespace.
    static func read(root: XMLElementSnapshot, feedURL: URL) -> ParsedFeed {
        let atom = XMLNamespace.atom
        let feedBase = base(of: root, parent: feedURL)
        var feed = ParsedFeed(format: .atom)
        feed.title = textConstruct(root.child(named: "title", namespace: atom))
        feed.link = alternateLink(in: root, base: feedBase)
        feed.description = textConstruct(root.child(named: "subtitle", namespace: atom))
        let feedAuthor = authors(in: root)

        for (offset, entry) in root.children(named: "entry", namespace: atom).enumerated() {
            let entryBase = base(of: entry, parent: feedBase)
            var item = FeedItem()
            item.id = FeedText.trimmed(entry.child(named: "id", namespace: atom)?.textContent)
            item.link = alternateLink(in: entry, base: entryBase)
            item.title = textConstruct(entry.child(named: "title", namespace: atom))
            let content = entry.child(named: "content", namespace: atom)
            if content?.attributes["type"]?.lowercased() == "html" {
                item.contentHTML = FeedText.trimmed(content?.textContent)
            }
            item.summary = textConstruct(entry.child(named: "summary", namespace: atom)) ?? textConstruct(content)
            let published = FeedText.trimmed(entry.child(named: "published", namespace: atom)?.textContent)
            let updated = FeedText.trimmed(entry.child(named: "updated", namespace: atom)?.textContent)
            item.updatedAt = DateParser.flexible(updated)
            item.publishedAt = DateParser.flexible(published) ?? item.updatedAt
            for raw in [published, updated].compactMap({ $0 }) where DateParser.flexible(raw) == nil {
                feed.problems.append("Entry \(offset + 1): the date \"\(raw)\" is not ISO 8601; ignored.")
            }
            item.author = authors(in: entry) ?? feedAuthor
            item.image = image(in: entry, base: entryBase)
            let categories = entry.children(named: "category", namespace: atom).compactMap {
                FeedText.plain($0.attributes["label"]) ?? FeedText.plain($0.attributes["term"])
            }
            item.categories = HTMLMetadataExtractor.uniqueTags(categories)
            if item.id == nil { item.id = item.link }
            if item.link == nil && item.title == nil && item.summary == nil {
                feed.problems.append("Entry \(offset + 1) has no link, title or summary and was skipped.")
                continue
            }
            feed.items.append(item)
        }
        return feed
    }

    /// Plain text of an Atom text construct: `html` is flattened, `text` and `xhtml` are
    /// already character data once parsed.
    private static func textConstruct(_ element: XMLElementSnapshot?) -> String? {
        guard let element else { return nil }
        if element.attributes["type"]?.lowercased() == "html" { return FeedText.plain(element.textContent) }
        return element.textContent.normalisedWhitespace
    }

    private static func base(of element: XMLElementSnapshot, parent: URL) -> URL {
        guard let resolved = URLResolver.resolve(element.attributes["xml:base"], against: parent),
            let url = URL(string: resolved)
        else { return parent }
        return url
    }

    private static func alternateLink(in element: XMLElementSnapshot, base: URL) -> String? {
        let links = element.children(named: "link", namespace: XMLNamespace.atom)
        let alternate = links.first { ($0.attributes["rel"] ?? "alternate").lowercased() == "alternate" } ?? links.first
        return URLResolver.resolve(alternate?.attributes["href"], against: base)
    }

    private static func authors(in element: XMLElementSnapshot) -> String? {
        let names = element.children(named: "author", namespace: XMLNamespace.atom).compactMap {
            FeedText.plain($0.child(named: "name", namespace: XMLNamespace.atom)?.textContent)
        }
        return names.isEmpty ? nil : names.joined(separator: ", ")
    }

    private static func image(in entry: XMLElementSnapshot, base: URL) -> String? {
        for link in entry.children(named: "link", namespace: XMLNamespace.atom)
        where link.attributes["rel"]?.lowercased() == "enclosure"
            && link.attributes["type"]?.lowercased().hasPrefix("image/") == true
        {
            if let url = URLResolver.resolve(link.attributes["href"], against: base) { return url }
        }
        return RSSFeedReader.image(in: entry, feedURL: base)
    }
}
