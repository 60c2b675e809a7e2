import Foundation

/// Reads JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1).
///
/// Per item:
/// - link: `url`, else `external_url`; resolved against `home_page_url`, else the feed URL
/// - id: `id` (a number is accepted and written as text), else the link
/// - summary: `summary` › `content_text` › `content_html` as plain text
/// - publishedAt: `date_published`, else `date_modified`; updatedAt: `date_modified`
/// - author: 1.1 `authors[].name`, else 1.0 `author.name`, else the feed's
/// - image: `image` › `banner_image`
/// - categories: `tags`
enum JSONFeedReader {
    /// Reads an already decoded top-level object. `problems` notes a missing or unknown version.
    static func read(object: [String: Any], feedURL: URL) -> ParsedFeed {
        var feed = ParsedFeed(format: .jsonFeed)
        let version = object["version"] as? String
        if version == nil || version?.hasPrefix("https://jsonfeed.org/version/1") != true {
            feed.problems.append(
                "The JSON has no recognised JSON Feed \"version\" (found \(version.map { "\"\($0)\"" } ?? "none")); "
                    + "read as JSON Feed 1.1 anyway.")
        }
        feed.title = FeedText.plain(object["title"] as? String)
        feed.link = URLResolver.resolve(object["home_page_url"] as? String, against: feedURL)
        feed.description = FeedText.plain(object["description"] as? String)
        let base = feed.link.flatMap(URL.init(string:)) ?? feedURL
        let feedAuthor = authors(in: object)

        guard let items = object["items"] as? [Any] else {
            feed.problems.append("The feed has no \"items\" array.")
            return feed
        }
        for (offset, value) in items.enumerated() {
            guard let entry = value as? [String: Any] else {
                feed.problems.append("Item \(offset + 1) is not a JSON object and was skipped.")
                continue
            }
            var item = FeedItem()
            item.link = URLResolver.resolve((entry["url"] ?? entry["external_url"]) as? String, against: base)
            item.id = JSONLDValue.rawString(entry["id"]) ?? item.link
            item.title = FeedText.plain(entry["title"] as? String)
            item.contentHTML = FeedText.trimmed(entry["content_html"] as? String)
            item.summary =
                FeedText.plain(entry["summary"] as? String) ?? FeedText.plain(entry["content_text"] as? String)
                ?? FeedText.plain(item.contentHTML)
            let published = entry["date_published"] as? String
            let modified = entry["date_modified"] as? String
            for raw in [published, modified].compactMap({ $0 }) where DateParser.flexible(raw) == nil {
                feed.problems.append("Item \(offset + 1): the date \"\(raw)\" is not RFC 3339; ignored.")
            }
            item.updatedAt = DateParser.flexible(modified)
            item.publishedAt = DateParser.flexible(published) ?? item.updatedAt
            item.author = authors(in: entry) ?? feedAuthor
            item.image =
                URLResolver.resolve(entry["image"] as? String, against: base)
                ?? URLResolver.resolve(entry["banner_image"] as? String, against: base)
            let tags = (entry["tags"] as? [Any] ?? []).compactMap { FeedText.plain($0 as? String) }
            item.categories = HTMLMetadataExtractor.uniqueTags(tags)
            if item.link == nil && item.title == nil && item.summary == nil {
                feed.problems.append("Item \(offset + 1) has no url, title or content and was skipped.")
                continue
            }
            feed.items.append(item)
        }
        return feed
    }

    private static func authors(in object: [String: Any]) -> String? {
        if let list = object["authors"] as? [Any], let names = JSONLDValue.names(list) { return names }
        return JSONLDValue.names(object["author"])
    }
}
