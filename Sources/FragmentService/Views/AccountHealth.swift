import Foundation
import SocialCore

/// What the accounts page says about an account's access, in a person's words, and whether the
/// Reconnect button sits beside it. The first rule that applies decides:
///
/// 1. The account is marked `needs_reconnect` → "Needs reconnecting: <reason>", a warning.
/// 2. A refresh token is stored → "Renews automatically", whatever the access token's expiry:
///    the share service renews exactly these tokens itself before they run out (X's two-hour
///    tokens, docs/platforms/twitter.md, "Refresh"; LinkedIn apps approved for refresh tokens,
///    docs/platforms/linkedin.md, "Refresh").
/// 3. No expiry → "Connected": Mastodon tokens (docs/platforms/mastodon.md, "Token") and
///    Facebook Page tokens (docs/platforms/facebook.md, "Pages and Page tokens") do not expire.
/// 4. An expiry with no way to renew it (Instagram through Facebook Login,
///    docs/platforms/instagram.md, "Facebook Login"; LinkedIn without refresh tokens; Threads,
///    whose tokens the service does not renew) → "Reconnect before 12 March", a warning from
///    `warningWindow` (14 days) before; "Reconnect today" on the last day; "Expired — reconnect"
///    once past.
///
/// The date is a calendar day in UTC chosen so that the token still works until that day begins
/// in every time zone (UTC−12 to UTC+14): the day of the expiry less 12 hours. It errs early by
/// up to a day, never late. The year is named when it is not the current one.
///
/// The expiry comes from a platform's answer through the database, so any `Date` must be worded
/// without trapping: NaN and dates past `SafeDate.latest` read as no expiry; dates before now,
/// however far, as expired.
struct AccountHealth: Sendable, Equatable {
    /// How the words are shown: `good` calm and green, `due` plain, `warning` in the warning colour.
    enum Tone: String, Sendable {
        case good, due, warning
    }

    /// From how far before the expiry the page warns.
    static let warningWindow: TimeInterval = 14 * 86_400

    var text: String
    var tone: Tone
    /// Whether the Reconnect button belongs beside the words.
    var offersReconnect: Bool

    init(text: String, tone: Tone, offersReconnect: Bool) {
        self.text = text
        self.tone = tone
        self.offersReconnect = offersReconnect
    }

    /// The health of a stored connection.
    init(_ connection: SocialConnection, now: Date = Date()) {
        self.init(
            needsReconnect: connection.status == .needsReconnect, reason: connection.lastError,
            renewsByItself: connection.renewsByItself, expiresAt: connection.tokenExpiresAt, now: now)
    }

    init(needsReconnect: Bool, reason: String?, renewsByItself: Bool, expiresAt: Date?, now: Date) {
        if needsReconnect {
            self.init(text: Self.reconnectWords(reason), tone: .warning, offersReconnect: true)
            return
        }
        if renewsByItself {
            self.init(text: "Renews automatically", tone: .good, offersReconnect: false)
            return
        }
        let remaining = expiresAt.map { $0.timeIntervalSince(now) } ?? .nan
        // NaN: no expiry, or none that can be compared (a NaN date from the database).
        guard !remaining.isNaN else {
            self.init(text: "Connected", tone: .good, offersReconnect: false)
            return
        }
        guard remaining > 0 else {
            self.init(text: "Expired — reconnect", tone: .warning, offersReconnect: true)
            return
        }
        // Past the last date the service takes from outside there is no deadline worth naming.
        guard let expiry = expiresAt.flatMap(SafeDate.checked), let words = Self.deadline(expiry, now: now) else {
            self.init(text: "Connected", tone: .good, offersReconnect: false)
            return
        }
        self.init(text: words, tone: remaining <= Self.warningWindow ? .warning : .due, offersReconnect: true)
    }

    /// The longest reason shown; a platform's error text can be long.
    static let reasonLimit = 200

    private static func reconnectWords(_ reason: String?) -> String {
        let trimmed = (reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return "Needs reconnecting" }
        let shown = trimmed.count > reasonLimit ? String(trimmed.prefix(reasonLimit - 1)) + "…" : trimmed
        return "Needs reconnecting: \(shown)"
    }

    private static let months = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    ]

    private static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        return calendar
    }()

    /// "Reconnect before 12 March" (or "… 12 March 2027", or "Reconnect today") for an expiry
    /// inside `SafeDate`'s range; nil when the calendar cannot place it.
    private static func deadline(_ expiry: Date, now: Date) -> String? {
        // The day that begins everywhere before the token expires (see the type's comment).
        let day = expiry.addingTimeInterval(-12 * 3600)
        let parts = utc.dateComponents([.year, .month, .day], from: day)
        guard let year = parts.year, let month = parts.month, let date = parts.day, months.indices.contains(month - 1) else { return nil }
        if utc.startOfDay(for: day) <= utc.startOfDay(for: now) { return "Reconnect today" }
        let sameYear = utc.component(.year, from: now) == year
        return "Reconnect before \(date) \(months[month - 1])" + (sameYear ? "" : " \(year)")
    }
}
