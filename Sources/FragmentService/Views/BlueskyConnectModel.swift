/// `bluesky_connect.mustache`: the handle form (OAuth) and the app-password form. The app
/// password itself is never put back into a page.
struct BlueskyConnectModel: Sendable {
    var layout: LayoutModel
    var handle: String
    /// Where to return after connecting (a local path).
    var next: String
    var error: String?
}
