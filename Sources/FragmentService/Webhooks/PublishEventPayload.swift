import Foundation
import SocialCore

/// The JSON body of `POST /webhooks/publish`.
struct PublishEventPayload: Decodable, Sendable {
    static let contentTypes = Set(ShareContentType.allCases.map(\.rawValue))

    var eventID: String
    var contentType: String
    var url: String
    var title: String?
    var description: String?
    var image: String?
    /// What the image shows, for people who cannot see it (sent to Instagram as alt text).
    var imageAlt: String?
    var tags: [String]?
    /// The host platform's user id of the person who published it.
    var author: String?
    var publishedAt: Date?

    enum CodingKeys: String, CodingKey {
        case url, title, description, image, tags, author
        case eventID = "event_id"
        case contentType = "content_type"
        case imageAlt = "image_alt"
        case publishedAt = "published_at"
    }

    /// Field-by-field problems; empty when the payload is acceptable for `app`.
    func problems(for app: ContentApp) -> [String: String] {
        var problems: [String: String] = [:]
        if eventID.isEmpty || eventID.count > 200 { problems["event_id"] = "must be 1–200 characters" }
        if !Self.contentTypes.contains(contentType) { problems["content_type"] = "must be one of blog_post, event, product" }
        if let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme?.lowercased() ?? ""), parsed.host != nil {
            if !app.owns(parsed) { problems["url"] = "is not on one of this app's registered origins" }
        } else {
            problems["url"] = "must be an absolute http(s) URL"
        }
        if url.count > 2048 { problems["url"] = "must be at most 2048 characters" }
        if let image, URL(string: image).map({ ["http", "https"].contains($0.scheme?.lowercased() ?? "") }) != true {
            problems["image"] = "must be an absolute http(s) URL"
        }
        if let imageAlt {
            if image == nil { problems["image_alt"] = "describes an image: send image with it" }
            if imageAlt.count > 1000 { problems["image_alt"] = "must be at most 1000 characters (Instagram's limit)" }
        }
        if (title?.count ?? 0) > 500 { problems["title"] = "must be at most 500 characters" }
        if (description?.count ?? 0) > 5000 { problems["description"] = "must be at most 5000 characters" }
        if (tags?.count ?? 0) > 50 || (tags ?? []).contains(where: { $0.count > 100 }) { problems["tags"] = "at most 50 tags of 100 characters" }
        if let publishedAt, SafeDate.checked(publishedAt) == nil {
            problems["published_at"] = "must be a date from 1970 to 9999"
        }
        if let author, !UserID.isValid(author) { problems["author"] = "must be a user id of 1–128 characters without spaces" }
        return problems
    }
}
