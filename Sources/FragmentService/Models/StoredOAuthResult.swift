import Foundation
import Platforms

/// A JSON form of `OAuthResult` for the encrypted pending-choice document only.
struct StoredOAuthResult: Codable {
    var platformUserID: String
    var username: String?
    var displayName: String?
    var accessToken: String
    var refreshToken: String?
    var expiresAt: Date?
    var scopes: [String]
    var extraData: [String: String]

    init(_ r: OAuthResult) {
        platformUserID = r.platformUserID
        username = r.username
        displayName = r.displayName
        accessToken = r.accessToken
        refreshToken = r.refreshToken
        expiresAt = r.expiresAt
        scopes = r.scopes
        extraData = r.extraData
    }

    var result: OAuthResult {
        OAuthResult(
            platformUserID: platformUserID, username: username, displayName: displayName, accessToken: accessToken,
            refreshToken: refreshToken, expiresAt: expiresAt, scopes: scopes, extraData: extraData)
    }
}
