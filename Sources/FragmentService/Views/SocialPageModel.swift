import Foundation
import Platforms
import SocialCore

/// `social.mustache`: the social panel with the Mastodon instance form.
struct SocialPageModel: Sendable {
    struct Account: Sendable {
        var id: Int64
        var displayName: String
        var username: String?
        /// `AccountHealth`'s words: "Renews automatically", "Reconnect before 12 March", …
        var health: String
        /// `AccountHealth.Tone`, as the CSS class suffix `state-<tone>`.
        var tone: String
        var warning: Bool
        var offersReconnect: Bool
        /// The connect form a Reconnect button posts to, and the Mastodon server or the Bluesky
        /// account (its DID) to reconnect.
        var reconnectAction: String
        var reconnectInstance: String?
        var reconnectHandle: String?
    }

    struct Card: Sendable {
        var platform: String
        var displayName: String
        var iconClass: String
        var available: Bool
        var needs: String?
        var asksForServer: Bool
        var asksForHandle: Bool
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
}

extension SocialPageModel.Account {
    /// One connection as the panel lists it, its health worded at `now`.
    init(_ connection: SocialConnection, now: Date) {
        let health = AccountHealth(connection, now: now)
        self.init(
            id: connection.id, displayName: connection.displayName ?? connection.username ?? connection.platformUserID,
            username: connection.username, health: health.text, tone: health.tone.rawValue, warning: health.tone == .warning,
            offersReconnect: health.offersReconnect, reconnectAction: "/social/connect/\(connection.platform.rawValue)/",
            reconnectInstance: connection.serverURL, reconnectHandle: connection.platform.asksForHandle ? connection.platformUserID : nil)
    }
}
