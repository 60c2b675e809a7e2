import Foundation
import Ingest
import Platforms

/// The clean record of one content URL, ready to share: what the content app said, filled in
/// with what its page says. The app's own values win (it knows its content best).
struct ContentRecord: Sendable, Equatable, Codable {
    var canonicalURL: String
    var contentType: String?
    var title: String?
    var description: String?
    var imageURL: String?
    /// The image's alt text, from the app's event or the page (only for the page's own image).
    var imageAlt: String? = nil
    var siteName: String?
    var author: String?
    var tags: [String]
    /// The content's date: the app's, else the page's published date, else (a page that only
    /// says when it was modified) its modified date (`ContentMetadata.displayDate`).
    var publishedAt: Date?
    /// When the page itself was last read (nil: never; the record came from an event only).
    var fetchedAt: Date? = nil
    /// The page's declared language as a BCP 47 tag (`LanguageTag`), for platforms that label
    /// posts with it (Bluesky's `langs`).
    var language: String? = nil

    enum CodingKeys: String, CodingKey {
        case title, description, author, tags
        case canonicalURL = "canonical_url"
        case contentType = "content_type"
        case imageURL = "image"
        case imageAlt = "image_alt"
        case language
        case siteName = "site_name"
        case publishedAt = "published_at"
        case fetchedAt = "fetched_at"
    }

    /// Merges an event with scraped metadata. The page's canonical URL is used only when the
    /// app owns it, so a page cannot redirect its record onto somebody else's URL.
    static func merge(event: PublishEvent, scraped: ContentMetadata?, app: ContentApp?) -> ContentRecord {
        var canonical = event.url
        if let candidate = scraped?.url, let url = URL(string: candidate), app?.owns(url) ?? false { canonical = candidate }
        return ContentRecord(
            canonicalURL: canonical,
            contentType: event.contentType,
            title: event.title ?? scraped?.title,
            description: event.description ?? scraped?.description,
            imageURL: event.imageURL ?? scraped?.image?.url,
            // The page's alt text describes the page's image: it is kept only for that image.
            imageAlt: event.imageURL == nil || event.imageURL == scraped?.image?.url
                ? (event.imageAlt ?? scraped?.image?.alt.flatMap(ShareImageAlt.clean)) : event.imageAlt,
            siteName: scraped?.siteName,
            author: scraped?.author,
            tags: event.tags.isEmpty ? (scraped?.tags ?? []) : event.tags,
            publishedAt: event.publishedAt ?? scraped?.displayDate, fetchedAt: scraped == nil ? nil : Date(),
            language: LanguageTag.normalize(scraped?.locale))
    }

    /// A record made only from what the page says (the share page opened without parameters).
    static func scraped(_ metadata: ContentMetadata, requestedURL: String) -> ContentRecord {
        ContentRecord(
            canonicalURL: requestedURL, contentType: metadata.type, title: metadata.title, description: metadata.description,
            imageURL: metadata.image?.url, imageAlt: metadata.image?.alt.flatMap(ShareImageAlt.clean), siteName: metadata.siteName,
            author: metadata.author, tags: metadata.tags, publishedAt: metadata.displayDate, fetchedAt: Date(),
            language: LanguageTag.normalize(metadata.locale))
    }
}
