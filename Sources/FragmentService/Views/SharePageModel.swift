import Platforms

/// `share.mustache` (with `_share_panel`): the item, the common message, and per account what its
/// platform will post (text, link, card, count, warnings) with an own text for that account.
struct SharePageModel: Sendable {
    struct Account: Sendable {
        var id: Int64
        var name: String
        var username: String?
        var platformName: String
        var count: Int
        var limit: Int
        var disabled: Bool
        var reason: String?
        /// Ticked: preselected by a one-click rule, or ticked when the previews were updated.
        var checked: Bool
        var alreadyShared: Bool
        var sharedURL: String?
        /// Whether "share again" was ticked when the previews were updated.
        var shareAgain: Bool = false
        /// The exact text the platform will be sent (`PostCheck.text`).
        var text: String
        /// The person's own text for this account, replacing the common message.
        var ownMessage: String?
        /// How the link appears and counts, and who builds the card.
        var linkNote: String
        var cardNote: String
        /// Which card the preview draws (`PostPresentation.Card`).
        var linkCard: Bool
        var imagePost: Bool
        /// What posting here costs or how much quota is left, said before posting.
        var notices: [String]
        /// Stored, not computed: templates see stored properties only.
        var hasOwnMessage: Bool
        var over: Bool
    }

    struct Group: Sendable {
        var platformName: String
        var iconClass: String
        var accounts: [Account]
    }

    var layout: LayoutModel
    var url: String
    /// The link's host, as cards show it.
    var host: String
    var title: String
    var description: String?
    var image: String?
    /// Alt text for the image, prefilled from the link's `image_alt` when it carried one.
    var imageAlt: String?
    /// The platforms among the person's accounts that receive the alt text ("Instagram"); nil when none.
    var altTextPlatforms: String?
    var type: String?
    var idempotencyKey: String
    /// The common message, when the page is shown again after "Update previews".
    var message: String?
    var groups: [Group]
    var hasAccounts: Bool
}
