/// `mastodon_connect.mustache` (plan 4d): which instance to connect.
struct MastodonConnectModel: Sendable {
    var layout: LayoutModel
    var instance: String
    var error: String?
}
