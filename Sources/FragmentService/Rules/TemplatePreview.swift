import Foundation
import Platforms

/// The rules page's live preview of a message template: the template filled in from the person's
/// newest publish event (or, before they have one, a sample item that says so), turned into the
/// post by the account's platform and counted by it (`SocialPlatform.check`), so the count is the
/// platform's own and never a copy of its rules. `POST /social/rules/template-preview/` answers it
/// as JSON; the rules page renders it for the form as first shown.
struct TemplatePreview: Encodable, Sendable, Equatable {
    /// The item the template was filled in from.
    struct Item: Encodable, Sendable, Equatable {
        var title: String
        var url: String
        /// True for the made-up item used before the person has published anything.
        var sample: Bool
    }

    var item: Item
    /// The platform's name, for the words around the count.
    var platform: String
    /// The text the platform would post.
    var text: String
    /// Its length as the platform counts it.
    var count: Int
    /// The platform's limit for that count; absent when the platform is not available here.
    var limit: Int?
    /// Why the platform would refuse the post, as sentences; empty when it fits.
    var problems: [String]
    /// Whether the count is over the limit.
    var over: Bool

    /// Stands in for the person's items before they have published any; the page labels it as a sample.
    /// It carries an image so that platforms that need one (Instagram) judge the template, not the sample.
    static let sample = PublishEvent(
        id: 0, appID: "sample", eventID: "sample", source: .webhook, contentType: ShareContentType.blogPost.rawValue,
        url: "https://example.com/posts/a-sample-item", title: "A sample item's title", description: "A sample description of the item.",
        imageURL: "https://example.com/images/sample.jpg", imageAlt: "A sample image", tags: ["sample", "studio"], authorUserID: nil,
        publishedAt: nil, state: .resolved, stateDetail: nil, attempts: 0, contentItemID: nil, receivedAt: Date(timeIntervalSince1970: 0),
        resolvedAt: nil)

    /// `template` filled in from `event` (the sample when nil) and checked by `connection`'s platform.
    static func make(template: String, event: PublishEvent?, connection: SocialConnection, registry: PlatformRegistry) async -> TemplatePreview {
        let used = event ?? sample
        let content = MessageTemplate.content(template, for: used)
        let item = Item(title: used.title ?? used.url, url: used.url, sample: event == nil)
        let name = connection.platform.displayName
        guard let platform = registry.platform(connection.platform) else {
            // Nothing can be posted there now, so nothing is counted as if it could.
            let text = content.message ?? ""
            let why = "\(name) is not available on this service now, so the post cannot be checked."
            return TemplatePreview(item: item, platform: name, text: text, count: text.count, limit: nil, problems: [why], over: false)
        }
        let check = await platform.check(content, for: connection.credentials)
        return TemplatePreview(
            item: item, platform: name, text: check.text, count: check.count, limit: check.limit, problems: check.problems,
            over: check.count > check.limit)
    }
}
