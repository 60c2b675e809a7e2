import Foundation

/// A post the sandbox accepted, as listed by `GET /_sandbox/posts`.
public struct SandboxPost: Sendable, Codable, Equatable {
    /// Platform-side id (as returned to the client).
    public var id: String
    /// Platform name.
    public var platform: Platform
    /// Emulated host the post lives on (Mastodon instance or the platform's web host).
    public var host: String
    /// Account id that posted (Page id for Facebook, IG user id for Instagram).
    public var account: String
    /// Account username/name.
    public var accountName: String
    /// Post text (caption for Instagram, commentary for LinkedIn, message for Facebook).
    public var text: String
    /// Link attached separately from the text (Facebook `link`, LinkedIn article, Threads `link_attachment`).
    public var link: String?
    /// Image URL (Instagram, Threads image posts).
    public var imageURL: String?
    /// The image's alt text, where the platform takes one (Instagram `alt_text`).
    public var imageAlt: String? = nil
    /// LinkedIn: the article's thumbnail image URN, and how many image bytes the sandbox received for it.
    public var thumbnail: String? = nil
    public var thumbnailBytes: Int? = nil
    /// Bluesky: facets as sent, the record's `langs`, and the link card's title.
    public var facets: [SandboxFacet]? = nil
    public var langs: [String]? = nil
    public var cardTitle: String? = nil
    /// Public URL the platform would return, without the sandbox prefix.
    public var url: String
    /// Creation time on the sandbox clock.
    public var time: Date
    /// Mastodon: visibility, content warning, language and posting app as sent (not in the inspection JSON).
    var visibility = "public"
    var spoiler = ""
    var language: String?
    var applicationName: String?

    enum CodingKeys: String, CodingKey {
        case id, platform, host, account, accountName = "account_name", text, link
        case imageURL = "image_url", imageAlt = "image_alt", thumbnail, thumbnailBytes = "thumbnail_bytes", url, time
        case facets, langs, cardTitle = "card_title"
    }
}
