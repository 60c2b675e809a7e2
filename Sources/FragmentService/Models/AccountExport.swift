import Foundation
import Platforms

/// `GET /api/v1/users/{id}/export`: everything stored about a person, without a secret. The shape is
/// documented in README.md, "Account lifecycle API". Lists are oldest first; each holds at most
/// `AccountLifecycleController.exportLimit` entries.
struct AccountExport: Encodable {
    var exportedAt: Date
    var user: User
    /// Every connection, disconnected ones included; no token or encrypted value.
    var connections: [AccountConnectionSummary]
    /// Every share attempt and its outcome.
    var shares: [ExportedShare]
    var rules: [ShareRule]
    var autoShares: [AutoShareJob]
    /// Publish events whose `author` is the person.
    var publishEvents: [PublishEvent]

    enum CodingKeys: String, CodingKey {
        case user, connections, shares, rules
        case exportedAt = "exported_at"
        case autoShares = "auto_shares"
        case publishEvents = "publish_events"
    }
}

/// One share attempt in the export.
struct ExportedShare: Encodable {
    var id: Int64
    var connectionID: Int64
    var platform: PlatformName
    var accountName: String
    var url: String
    var title: String?
    var message: String?
    var status: String
    var postID: String?
    var postURL: String?
    var errorKind: String?
    var errorMessage: String?
    var repeatOf: Int64?
    var origin: String
    var createdAt: Date

    init(_ entry: ShareHistoryEntry) {
        let share = entry.share
        id = share.id
        connectionID = share.connectionID
        platform = entry.platform
        accountName = entry.accountName
        url = share.url
        title = share.title
        message = share.message
        status = share.status.rawValue
        postID = share.postID
        postURL = share.postURL
        errorKind = share.errorKind?.rawValue
        errorMessage = share.errorMessage
        repeatOf = share.repeatOf
        origin = share.origin.rawValue
        createdAt = share.createdAt
    }

    enum CodingKeys: String, CodingKey {
        case id, platform, url, title, message, status, origin
        case connectionID = "connection_id"
        case accountName = "account_name"
        case postID = "post_id"
        case postURL = "post_url"
        case errorKind = "error_kind"
        case errorMessage = "error_message"
        case repeatOf = "repeat_of"
        case createdAt = "created_at"
    }
}
