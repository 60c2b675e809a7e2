import Foundation

/// Reads Atom 1.0 (RFC 4287) feeds, Atom 0.3 (draft-nottingham-atom-format-02,
/// https://datatracker.ietf.org/doc/html/draft-nottingham-atom-format-02) and the pre-1.0
/// drafts; the elements are read in whichever of those namespaces the root uses.
///
/// URLs are resolved against `xml:base` on the feed and entry when present (each resolved
/// against the one above it), else the feed URL. Feed: title; link `rel="alternate"`;
/// description from `subtitle` › 0.3 `tagline`. Per entry:
/// - link: `<link rel="alternate">` (or with no `rel`), else the first `<link>`
/// - id: `<id>` › the link
/// - title: `<title>` as plain text
/// - summary: `<summary>` › `<content>` as plain text
/// - contentHTML: `<content>` that is HTML: `type="html"` (1.0), `type="text/html"`, or 0.3
///   `mode="escaped"` markup; 0.3 `mode="base64"` is decoded first. Text and xhtml content are
///   not HTML strings.
/// - publishedAt: `<published>` › 0.3 `<issued>` › 0.3 `<created>` › the update time;
///   updatedAt: `<updated>` › 0.3 `<modified>`
/// - author: the entry's `<author><name>`s, else the feed's
/// - image: `<link rel="enclosure">` with an `image/*` type › Media RSS `content` (image) ›
///   `thumbnail` (e.g. YouTube's `media:group`)
/// - categories: each `<category>`'s `label`, else its `term`
enum AtomFeedReader {
    /// Reads `root`, a `<feed>` element in an Atom namespace (`XMLNamespace.isAtom`).
    static func read(root: XMLElementSnapshot, feedURL: URL) -> ParsedFeed {
        let atom = root.namespace
        let feedBase = base(of: root, parent: feedURL)
        var feed = ParsedFeed(format: .atom)
        feed.title = textConstruct(root.child(named: "title", namespace: atom)).text
        feed.link = alternateLink(in: root, namespace: atom, base: feedBase)
        feed.description =
            textConstruct(root.child(named: "subtitle", namespace: atom)).text
            ?? textConstruct(root.child(named: "tagline", namespace: atom)).text
        let feedAuthor = authors(in: root, namespace: atom)

        for (offset, entry) in root.children(named: "entry", namespace: atom).enumerated() {
            func child(_ name: String) -> XMLElementSnapshot? { entry.child(named: name, namespace: atom) }
            let entryBase = base(of: entry, parent: feedBase)
            var item = FeedItem()
            item.id = FeedText.trimmed(child("id")?.textContent)
            item.link = alternateLink(in: entry, namespace: atom, base: entryBase)
            item.title = textConstruct(child("title")).text
            let content = textConstruct(child("content"))
            item.contentHTML = content.html
            item.summary = textConstruct(child("summary")).text ?? content.text
            let published = ["published", "issued", "created"].lazy.compactMap { FeedText.trimmed(child($0)?.textContent) }.first
            let updated = ["updated", "modified"].lazy.compactMap { FeedText.trimmed(child($0)?.textContent) }.first
            item.updatedAt = DateParser.flexible(updated)
            item.publishedAt = DateParser.flexible(published) ?? item.updatedAt
            for raw in [published, updated].compactMap({ $0 }) where DateParser.flexible(raw) == nil {
                feed.problems.append("Entry \(offset + 1): the date \"\(raw)\" is not ISO 8601; ignored.")
            }
            item.author = authors(in: entry, namespace: atom) ?? feedAuthor
            item.image = image(in: entry, namespace: atom, base: entryBase)
            let categories = entry.children(named: "category", namespace: atom).compactMap {
                FeedText.plain($0.attributes["label"]) ?? FeedText.plain($0.attributes["term"])
            }
            item.categories = HTMLMetadataExtractor.uniqueTags(categories)
            if item.id == nil { item.id = item.link }
            if item.link == nil && item.title == nil && item.summary == nil && item.id == nil && item.publishedAt == nil {
                feed.problems.append("Entry \(offset + 1) has no id, link, title, summary or date and was skipped.")
                continue
            }
            feed.items.append(item)
        }
        return feed
    }

    /// An Atom text construct as plain text, and as HTML when it is HTML. `type` is `text`,
    /// `html` or `xhtml` in 1.0 and a MIME type in 0.3 (`text/plain`, `text/html`,
    /// `application/xhtml+xml`); 0.3's `mode` says whether the markup is inline (`xml`, the
    /// default), escaped, or base64-encoded.
    private static func textConstruct(_ element: XMLElementSnapshot?) -> (text: String?, html: String?) {
        guard let element else { return (nil, nil) }
        let type = element.attributes["type"]?.trimmingWhitespace().lowercased() ?? "text"
        let mode = element.attributes["mode"]?.trimmingWhitespace().lowercased() ?? "xml"
        var raw = element.textContent
        if mode == "base64" {
            raw = Data(base64Encoded: raw, options: .ignoreUnknownCharacters).map { String(decoding: $0, as: UTF8.self) } ?? ""
        }
        let markupType = type == "html" || type == "text/html" || type == "xhtml" || type.hasSuffix("+xml")
        let isHTMLString = type == "html" || type == "text/html" || (mode != "xml" && markupType)
        guard isHTMLString else { return (raw.normalisedWhitespace, nil) }
        return (FeedText.plain(raw), FeedText.trimmed(raw))
    }

    private static func base(of element: XMLElementSnapshot, parent: URL) -> URL {
        guard let resolved = URLResolver.resolve(element.attributes["xml:base"], against: parent),
            let url = URL(string: resolved)
        else { return parent }
        return url
    }

    private static func alternateLink(in element: XMLElementSnapshot, namespace: String?, base: URL) -> String? {
        let links = element.children(named: "link", namespace: namespace)
        let alternate = links.first { ($0.attributes["rel"] ?? "alternate").lowercased() == "alternate" } ?? links.first
        return URLResolver.resolve(alternate?.attributes["href"], against: base)
    }

    private static func authors(in element: XMLElementSnapshot, namespace: String?) -> String? {
        let names = element.children(named: "author", namespace: namespace).compactMap {
            FeedText.plain($0.child(named: "name", namespace: namespace)?.textContent)
        }
        return names.isEmpty ? nil : names.joined(separator: ", ")
    }

    private static func image(in entry: XMLElementSnapshot, namespace: String?, base: URL) -> String? {
        for link in entry.children(named: "link", namespace: namespace)
        where link.attributes["rel"]?.lowercased() == "enclosure"
            && link.attributes["type"]?.lowercased().hasPrefix("image/") == true
        {
            if let url = URLResolver.resolve(link.attributes["href"], against: base) { return url }
        }
        return RSSFeedReader.image(in: entry, feedURL: base)
    }
}
