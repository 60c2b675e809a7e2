import Foundation
import Platforms

/// An authorization in flight, kept server-side and used once.
struct OAuthState: Sendable, Equatable {
    static let lifetime: TimeInterval = 600

    var nonce: String
    var userID: String
    var platform: PlatformName
    var codeVerifier: String?
    var instanceURL: URL?
    var returnTo: String
    var expiresAt: Date
}
