import Foundation

/// The browser session of one request: the random id its cookie carries, who is signed in (if
/// anyone, read from the server-side session store) and the CSRF token every state-changing
/// form must echo, derived from the id so visitors need no stored row.
struct Session: Sendable, Equatable {
    /// The random id; stored server-side only as its SHA-256 (`SessionCodec.hash`).
    var id: String
    /// The host platform's user id; nil for a visitor who has not signed in (or whose session ended).
    var userID: String?
    /// Per-session CSRF token.
    var csrf: String

    /// How long a signed-in session lasts, counted from sign-in.
    static let lifetime: TimeInterval = 7 * 24 * 3600
}
