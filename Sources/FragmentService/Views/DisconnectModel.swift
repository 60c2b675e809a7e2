/// `disconnect_confirm.mustache`: the confirmation step before a disconnect.
struct DisconnectModel: Sendable {
    var layout: LayoutModel
    var id: Int64
    var platformName: String
    var accountName: String
}
