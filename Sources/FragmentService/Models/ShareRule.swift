import Foundation

/// A person's rule for one connection: preselect it on the share page (`one_click`) or share
/// matching publish events without a click (`auto`).
struct ShareRule: Sendable, Equatable, Codable {
    var id: Int64
    var connectionID: Int64
    var mode: Mode
    var contentTypes: [String]
    var sourceApps: [String]
    var tags: [String]
    var tagsMatch: TagsMatch
    var delaySeconds: Int
    var messageTemplate: String
    var enabled: Bool
    var createdAt: Date
    var updatedAt: Date

    /// The raw values are what the database and the API say.
    enum Mode: String, Codable, Sendable {
        case oneClick = "one_click"
        case auto
    }

    /// Whether content needs any of the rule's tags or all of them.
    enum TagsMatch: String, Codable, Sendable {
        case any, all
    }

    enum CodingKeys: String, CodingKey {
        case id, mode, tags, enabled
        case connectionID = "connection_id"
        case contentTypes = "content_types"
        case sourceApps = "source_apps"
        case tagsMatch = "tags_match"
        case delaySeconds = "delay_seconds"
        case messageTemplate = "message_template"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    /// Whether a piece of content matches: every non-empty criterion must hold.
    func matches(contentType: String?, sourceApp: String?, tags contentTags: [String]) -> Bool {
        if !contentTypes.isEmpty, !contentTypes.contains(contentType ?? "") { return false }
        if !sourceApps.isEmpty, !sourceApps.contains(sourceApp ?? "") { return false }
        if !tags.isEmpty {
            let have = Set(contentTags.map { $0.lowercased() })
            let want = tags.map { $0.lowercased() }
            return tagsMatch == .all ? want.allSatisfy(have.contains) : want.contains(where: have.contains)
        }
        return true
    }
}
