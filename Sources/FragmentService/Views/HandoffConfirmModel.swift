/// `handoff_confirm.mustache`: a handoff link names another person than the one signed in.
struct HandoffConfirmModel: Sendable {
    var layout: LayoutModel
    /// Who this browser is signed in as now.
    var currentName: String
    /// Who the link would sign in.
    var newName: String
    /// The handoff token, sent again with the confirmation (not yet spent).
    var token: String
    var next: String
}
