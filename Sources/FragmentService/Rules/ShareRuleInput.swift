import Foundation
import SocialCore

/// The JSON a client sends to create or replace a rule. Omitted fields take their defaults.
struct ShareRuleInput: Decodable, Sendable {
    static let modes: Set<String> = Set([ShareRule.Mode.oneClick, .auto].map(\.rawValue))
    static let placeholders: Set<String> = ["title", "url", "description", "hashtags"]

    var connectionID: Int64?
    var mode: String?
    var contentTypes: [String]?
    var sourceApps: [String]?
    var tags: [String]?
    var tagsMatch: String?
    var delaySeconds: Int?
    var messageTemplate: String?
    var enabled: Bool?

    enum CodingKeys: String, CodingKey {
        case mode, tags, enabled
        case connectionID = "connection_id"
        case contentTypes = "content_types"
        case sourceApps = "source_apps"
        case tagsMatch = "tags_match"
        case delaySeconds = "delay_seconds"
        case messageTemplate = "message_template"
    }

    /// The rules page's delay in minutes as seconds; -1 (refused by `problems()`) for anything
    /// that is not a number of minutes from 0 to 7 days, checked before multiplying so that no
    /// input overflows.
    static func delaySeconds(minutes text: String?) -> Int {
        BoundedNumber.int(text ?? "0", in: 0...10_080).map { $0 * 60 } ?? -1
    }

    /// Field-by-field problems that need no database (the connection is checked by the caller).
    func problems() -> [String: String] {
        var problems: [String: String] = [:]
        if connectionID == nil { problems["connection_id"] = "is required: the id of one of your connections" }
        if let mode, !Self.modes.contains(mode) { problems["mode"] = "must be one_click or auto" }
        if mode == nil { problems["mode"] = "is required: one_click or auto" }
        if let types = contentTypes, types.contains(where: { !PublishEventPayload.contentTypes.contains($0) }) {
            problems["content_types"] = "may only contain blog_post, event and product"
        }
        if let apps = sourceApps,
            apps.count > 20 || apps.contains(where: { $0.range(of: #"^[a-z0-9][a-z0-9_-]{0,62}$"#, options: .regularExpression) == nil })
        {
            problems["source_apps"] = "must be content app ids (lowercase letters, digits, - and _), at most 20"
        }
        if let tags, tags.count > 20 || tags.contains(where: { $0.isEmpty || $0.count > 100 }) {
            problems["tags"] = "at most 20 tags of 1–100 characters"
        }
        if let tagsMatch, !["any", "all"].contains(tagsMatch) { problems["tags_match"] = "must be any or all" }
        if let delay = delaySeconds, !(0...604_800).contains(delay) { problems["delay_seconds"] = "must be from 0 to 604800 (7 days)" }
        if let template = messageTemplate {
            if template.count > 1000 { problems["message_template"] = "must be at most 1000 characters" }
            let used = Set(template.matches(of: /\{([a-z_]+)\}/).map { String($0.1) })
            if let unknown = used.subtracting(Self.placeholders).sorted().first {
                problems["message_template"] = "unknown placeholder {\(unknown)}; use {title}, {url}, {description} or {hashtags}"
            }
        }
        return problems
    }
}
