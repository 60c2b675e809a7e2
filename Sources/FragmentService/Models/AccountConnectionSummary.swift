import Foundation
import Platforms

/// A connection as the account export shows it: who and where, never a token or an encrypted
/// blob (there is no field that could hold one).
struct AccountConnectionSummary: Sendable, Equatable, Encodable {
    var id: Int64
    var platform: PlatformName
    var platformUserID: String
    var username: String?
    var displayName: String?
    var scopes: [String]
    /// Non-secret ids kept with the connection (Page id, Facebook user id, Mastodon server, …).
    var extraData: [String: String]
    var status: SocialConnection.Status
    var lastError: String?
    var tokenExpiresAt: Date?
    var createdAt: Date
    var updatedAt: Date
    /// When the person disconnected it (its tokens were wiped then); nil while connected.
    var disconnectedAt: Date?

    enum CodingKeys: String, CodingKey {
        case id, platform, username, scopes, status
        case platformUserID = "platform_user_id"
        case displayName = "display_name"
        case extraData = "extra_data"
        case lastError = "last_error"
        case tokenExpiresAt = "token_expires_at"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case disconnectedAt = "disconnected_at"
    }
}

extension SocialConnection.Status: Encodable {}
