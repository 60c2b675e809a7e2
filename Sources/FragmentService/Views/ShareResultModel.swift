/// `_share_result.mustache`: one line per account.
struct ShareResultModel: Sendable {
    struct Line: Sendable {
        var platformName: String
        var iconClass: String
        var accountName: String
        var published: Bool
        var alreadyShared: Bool
        var unconfirmed: Bool
        var failed: Bool
        var postURL: String?
        var message: String?
        var reconnectHref: String?
        var connectionID: Int64
        /// The account's own text, resent by its "Share again" instead of `shareMessage`.
        var ownMessage: String? = nil
    }

    var layout: LayoutModel
    var lines: [Line]
    /// For the "share again" buttons: the same content with a fresh key.
    var url: String
    var title: String
    var description: String?
    var image: String?
    var type: String?
    /// The person's own words, resent by "Share again" (named apart from a line's `message`,
    /// which mustache would otherwise find first inside `lines`).
    var shareMessage: String?
    var freshKey: String
}
