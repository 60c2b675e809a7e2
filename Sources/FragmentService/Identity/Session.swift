import Foundation
import SocialCore

/// What the session cookie carries: who is signed in (if anyone) and the CSRF token that every
/// state-changing form of this browser must echo.
struct Session: Codable, Sendable, Equatable {
    /// The host platform's user id; nil for a visitor who has not signed in yet.
    var userID: String?
    /// Per-session CSRF token.
    var csrf: String
    /// Expiry, seconds since 1970.
    var expires: Int

    static let lifetime: TimeInterval = 7 * 24 * 3600

    /// A fresh anonymous session.
    static func anonymous(now: Date = Date()) -> Session {
        Session(userID: nil, csrf: RandomToken.make(), expires: Int(now.timeIntervalSince1970 + lifetime))
    }

    /// A session for a user who just signed in; the CSRF token is renewed on every sign-in.
    static func signedIn(userID: String, now: Date = Date()) -> Session {
        Session(userID: userID, csrf: RandomToken.make(), expires: Int(now.timeIntervalSince1970 + lifetime))
    }
}
