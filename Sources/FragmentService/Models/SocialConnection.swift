import Foundation
import Platforms

/// One connected platform account, with its tokens decrypted for use. Never rendered
/// as a whole: views pick the non-secret fields.
struct SocialConnection: Sendable, Equatable {
    enum Status: String, Sendable { case active, needsReconnect = "needs_reconnect" }

    var id: Int64
    var userID: String
    var platform: PlatformName
    var platformUserID: String
    var username: String?
    var displayName: String?
    var accessToken: String?
    var refreshToken: String?
    var tokenExpiresAt: Date?
    var scopes: [String]
    var extraData: [String: String]
    var status: Status
    var lastError: String?
    var createdAt: Date
    var updatedAt: Date

    /// The server the account lives on, for platforms that ask for one (`PlatformName.asksForServer`).
    var serverURL: String? { platform.asksForServer ? extraData["instance_url"] : nil }

    /// Whether the service renews the token by itself: exactly the connections with a stored refresh
    /// token, the ones `ShareService` refreshes before their expiry (what the accounts page says,
    /// `AccountHealth`, follows the same rule).
    var renewsByItself: Bool { refreshToken != nil }

    /// What platform clients need to act for this account.
    var credentials: StoredCredentials? {
        guard let accessToken else { return nil }
        return StoredCredentials(
            platformUserID: platformUserID, username: username, accessToken: accessToken, refreshToken: refreshToken,
            expiresAt: tokenExpiresAt, issuedAt: updatedAt, extraData: extraData)
    }
}
