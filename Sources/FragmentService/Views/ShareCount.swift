/// One account's live count for the share page's script.
struct ShareCount: Encodable, Sendable {
    var id: Int64
    var count: Int
    var limit: Int
    var problem: String?
}
