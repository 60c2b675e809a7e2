import Foundation

/// A data-deletion request Meta sent for a person (docs/platforms/facebook.md, "Callbacks"). The
/// deletion runs before the callback is answered, so a stored request is always complete; what is
/// kept is only what the status page shows — no id of the person.
struct MetaDeletionRequest: Sendable, Equatable {
    /// The confirmation code given to Meta (and to the person): 16 random bytes as 32 hex digits
    /// (Meta asks for an alphanumeric code).
    var code: String
    /// The app whose callback asked.
    var app: MetaCallbackApp
    /// How many connected accounts were deleted, with their share history and rules.
    var connectionsDeleted: Int
    /// When the request arrived (and was carried out).
    var requestedAt: Date
}
