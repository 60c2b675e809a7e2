/// `error.mustache`: what went wrong and where to go next.
struct ErrorPageModel: Sendable {
    var layout: LayoutModel
    var status: Int
    var heading: String
    var message: String
    var requestID: String?
}
