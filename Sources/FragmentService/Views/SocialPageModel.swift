import Foundation
import Platforms
import SocialCore

/// `social.mustache`: the social panel with the Mastodon instance form.
struct SocialPageModel: Sendable {
    struct Account: Sendable {
        var id: Int64
        var displayName: String
        var username: String?
        var needsReconnect: Bool
        var lastError: String?
        /// "Token expires in 12 days", when the platform gave an expiry.
        var expiry: String?
        /// The connect form a Reconnect button posts to, and the Mastodon server to reconnect.
        var reconnectAction: String
        var reconnectInstance: String?
    }

    struct Card: Sendable {
        var platform: String
        var displayName: String
        var iconClass: String
        var available: Bool
        var needs: String?
        var asksForServer: Bool
        var connectHref: String
        var accounts: [Account]
        /// Stored, not computed: Mustache reads models through `Mirror`, which sees stored properties only.
        var hasAccounts: Bool
    }

    struct Notice: Sendable {
        var text: String
        var isError: Bool
    }

    var layout: LayoutModel
    var notice: Notice?
    var cards: [Card]

    /// Human wording for a token expiry.
    static func expiry(_ date: Date?, now: Date = Date()) -> String? {
        guard let date else { return nil }
        // Clamped: a stored expiry comes from a platform's answer, and `Int(_:)` traps on a huge one.
        let days = BoundedNumber.clamp((date.timeIntervalSince(now) / 86_400).rounded(.down), to: 0...SafeDate.years.count * 366)
        if date <= now { return "Token expired" }
        if days < 1 { return "Token expires today" }
        return days == 1 ? "Token expires in 1 day" : "Token expires in \(days) days"
    }
}
