/// How a share attempt ended.
package enum ShareOutcome: String, Sendable, Codable, Equatable {
    /// The platform confirmed the post; there is an id and usually a URL.
    case published
    /// The platform refused or could not be reached before anything was posted.
    case failed
    /// The call may have posted (e.g. the connection dropped after the request was sent).
    /// Never retried blindly: the person is asked to check their account.
    case unconfirmed
}
