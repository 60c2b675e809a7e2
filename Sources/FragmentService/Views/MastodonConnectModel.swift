/// `mastodon_connect.mustache`: which instance to connect.
struct MastodonConnectModel: Sendable {
    var layout: LayoutModel
    var instance: String
    /// Where to return after connecting (a local path).
    var next: String
    var error: String?
}
