/// `share.mustache` (with `_share_panel`): preview, accounts by platform, message, counters.
struct SharePageModel: Sendable {
    struct Account: Sendable {
        var id: Int64
        var name: String
        var username: String?
        var count: Int
        var limit: Int
        var disabled: Bool
        var reason: String?
        var preselected: Bool
        var alreadyShared: Bool
        var sharedURL: String?
    }

    struct Group: Sendable {
        var platformName: String
        var iconClass: String
        var accounts: [Account]
    }

    var layout: LayoutModel
    var url: String
    var title: String
    var description: String?
    var image: String?
    /// Alt text for the image, prefilled from the link's `image_alt` when it carried one.
    var imageAlt: String?
    var type: String?
    var idempotencyKey: String
    var groups: [Group]
    var hasAccounts: Bool
}
