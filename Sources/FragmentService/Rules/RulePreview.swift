import Foundation
import Platforms

/// "What would this rule have shared?": the rule in the form, tried on the person's recent
/// publish events the way the auto-share planner tries it (`ShareRule.matches` on the event's
/// type, app and tags, the message from `MessageTemplate`), with the post each match would make,
/// as the account's platform counts and checks it (`SocialPlatform.check`).
struct RulePreview: Sendable {
    struct Item: Sendable {
        var title: String
        var url: String
        var shares: Bool
        /// Why it would not be shared, in words; empty when it would.
        var why: String
        /// The post text, its count and any refusal, for a match.
        var text: String?
        var count: String?
        var problem: String?
    }

    var items: [Item]
    var matched: Int

    /// The rule as the form describes it (criteria and template only; it is not stored).
    static func rule(_ input: ShareRuleInput) -> ShareRule {
        ShareRule(
            id: 0, connectionID: input.connectionID ?? 0, mode: input.mode.flatMap(ShareRule.Mode.init(rawValue:)) ?? .oneClick,
            contentTypes: input.contentTypes ?? [], sourceApps: input.sourceApps ?? [], tags: input.tags ?? [],
            tagsMatch: input.tagsMatch.flatMap(ShareRule.TagsMatch.init(rawValue:)) ?? .any, delaySeconds: max(0, input.delaySeconds ?? 0),
            messageTemplate: input.messageTemplate ?? MessageTemplate.defaultTemplate, enabled: true, createdAt: Date(), updatedAt: Date())
    }

    static func make(_ rule: ShareRule, events: [PublishEvent], connection: SocialConnection?, registry: PlatformRegistry) async -> RulePreview {
        let platform = connection.flatMap { registry.platform($0.platform) }
        var items: [Item] = []
        for event in events {
            var item = Item(title: event.title ?? event.url, url: event.url, shares: false, why: "")
            if let why = mismatch(rule, event) {
                item.why = why
            } else {
                item.shares = true
                let content = MessageTemplate.content(rule.messageTemplate, for: event)
                if let platform {
                    let check = await platform.check(content, for: connection?.credentials)
                    item.text = check.text
                    item.count = "\(check.count) / \(check.limit)"
                    item.problem = check.refusal
                } else {
                    item.text = content.message ?? ""
                }
            }
            items.append(item)
        }
        return RulePreview(items: items, matched: items.filter(\.shares).count)
    }

    /// Why `rule` would not share `event`, or nil when it would.
    static func mismatch(_ rule: ShareRule, _ event: PublishEvent) -> String? {
        if !rule.contentTypes.isEmpty, !rule.contentTypes.contains(event.contentType) {
            let kind = label(event.contentType)
            let article = kind.first.map { "aeiou".contains($0) } == true ? "an" : "a"
            return "it is \(article) \(kind), and the rule takes \(rule.contentTypes.map(label).joined(separator: " or ")) only"
        }
        if !rule.sourceApps.isEmpty, !rule.sourceApps.contains(event.appID) {
            return "it comes from \(event.appID), and the rule takes \(rule.sourceApps.joined(separator: " or "))"
        }
        if !rule.matches(contentType: event.contentType, sourceApp: event.appID, tags: event.tags) {
            let have = event.tags.isEmpty ? "no tags" : "tags " + event.tags.map { "#" + $0 }.joined(separator: " ")
            let want = rule.tags.map { "#" + $0 }.joined(separator: rule.tagsMatch == .all ? " and " : " or ")
            return "it has \(have), and the rule needs \(want)"
        }
        return nil
    }

    static func label(_ contentType: String) -> String {
        switch ShareContentType(rawValue: contentType) {
        case .blogPost: "blog post"
        case .event: "event"
        case .product: "product"
        case nil: contentType
        }
    }
}
