import Foundation

/// The result of sharing one link to one account.
package struct ShareResult: Sendable, Equatable {
    package var outcome: ShareOutcome
    package var platformPostID: String?
    package var platformPostURL: String?
    package var errorKind: ShareErrorKind?
    /// A sentence a person can act on; never contains a token or secret.
    package var message: String?
    /// For `.rateLimited`: when trying again makes sense.
    package var retryAfter: Date?

    /// Plan 2a's `success`.
    package var success: Bool { outcome == .published }

    package static func published(id: String, url: String?) -> ShareResult {
        ShareResult(outcome: .published, platformPostID: id, platformPostURL: url)
    }

    package static func failed(_ kind: ShareErrorKind, _ message: String, retryAfter: Date? = nil) -> ShareResult {
        ShareResult(outcome: .failed, errorKind: kind, message: message, retryAfter: retryAfter)
    }

    package static func unconfirmed(_ message: String) -> ShareResult {
        ShareResult(outcome: .unconfirmed, errorKind: .transient, message: message)
    }
}
