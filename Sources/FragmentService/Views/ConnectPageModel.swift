/// `connect.mustache`: the step shown when a connect URL is opened by a link rather than a form.
struct ConnectPageModel: Sendable {
    var layout: LayoutModel
    var platform: String
    var displayName: String
    var iconClass: String
    /// Where to return after connecting (a local path).
    var next: String
}
