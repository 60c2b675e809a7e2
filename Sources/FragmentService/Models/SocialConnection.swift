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

    /// Whether the service renews the token by itself: connections with a stored refresh token,
    /// which `ShareService` refreshes before their expiry, and platforms whose access token is
    /// exchanged for a new one (Threads), which `TokenRenewalWorker` also renews while idle. What the
    /// accounts page says (`AccountHealth`) follows the same rule.
    var renewsByItself: Bool { platform.tokenRenewal.renewsByItself(hasRefreshToken: refreshToken != nil) }

    /// How this account's token is due for renewal now, if it is: a refresh-token platform within
    /// `refreshMargin` of expiry, or an access-token renewal once the token is old enough and inside
    /// its renewal window (its issue time is the row's last update, which every token change sets).
    func renewalDue(refreshMargin: TimeInterval, now: Date = Date()) -> TokenRenewal? {
        guard let expires = tokenExpiresAt else { return nil }
        let left = expires.timeIntervalSince(now)
        switch platform.tokenRenewal {
        case .refreshToken:
            return refreshToken != nil && left < refreshMargin ? .refreshToken : nil
        case .accessToken(let minimumAge, let window):
            guard left > 0, left < window, now.timeIntervalSince(updatedAt) >= minimumAge else { return nil }
            return platform.tokenRenewal
        }
    }

    /// What platform clients need to act for this account.
    var credentials: StoredCredentials? {
        guard let accessToken else { return nil }
        return StoredCredentials(
            platformUserID: platformUserID, username: username, accessToken: accessToken, refreshToken: refreshToken,
            expiresAt: tokenExpiresAt, issuedAt: updatedAt, extraData: extraData)
    }
}
