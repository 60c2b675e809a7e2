/// One account's live count for the share page's script, with the exact text its platform would
/// be sent for the draft.
struct ShareCount: Encodable, Sendable {
    var id: Int64
    var count: Int
    var limit: Int
    var problem: String?
    var text: String
}
