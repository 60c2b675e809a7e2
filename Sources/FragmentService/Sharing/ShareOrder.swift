import Platforms

/// A request to share one piece of content to several of a person's accounts.
struct ShareOrder: Sendable {
    var userID: String
    /// The content; its `idempotencyKey` identifies the submitted form (or auto-share job).
    var content: ShareContent
    /// The accounts, in the order their outcomes are shown; an id named twice is shared once.
    var connectionIDs: [Int64]
    /// Accounts for which the person chose "share again" although the URL is already there.
    var shareAgain: Set<Int64> = []
    /// `manual` (the share page) or `auto` (rules).
    var origin: ShareOrigin = .manual
    /// The person's own text for some accounts ("edit for this platform" on the share page),
    /// posted there instead of `content.message`. The URL, title and idempotency key stay the
    /// order's, so the rules against posting twice are the same for every account.
    var messages: [Int64: String] = [:]

    /// What is posted to one account: the order's content with that account's own text, if any.
    func content(for connectionID: Int64) -> ShareContent {
        guard let own = messages[connectionID] else { return content }
        var content = content
        content.message = own
        return content
    }

    /// The most accounts one share form may name. A person's page lists every connected
    /// account, far fewer than this; a form naming more is not from that page.
    static let accountLimit = 200
}
