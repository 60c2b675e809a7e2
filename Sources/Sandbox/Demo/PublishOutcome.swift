/// What happened to the publish webhook of an item created with the demo button.
enum PublishOutcome: Sendable, Equatable {
    /// The service answered 202.
    case accepted
    /// The service answered something else.
    case refused(status: Int, detail: String)
    /// No answer (down, timed out, connection refused).
    case unreachable(String)
    /// No signing secret was configured, so nothing was sent.
    case notConfigured(variable: String)

    var isAccepted: Bool { self == .accepted }

    /// Sentence shown on the detail page.
    var message: String {
        switch self {
        case .accepted: "The social service accepted the publish webhook (202)."
        case .refused(let status, let detail):
            "The social service did not accept the publish webhook (HTTP \(status))" + (detail.isEmpty ? "." : ": \(detail)")
        case .unreachable(let reason): "The social service could not be reached: \(reason)"
        case .notConfigured(let variable): "No webhook was sent: \(variable) is not set."
        }
    }
}
