/// What storing a freshly authorized account did.
enum ConnectOutcome: Sendable, Equatable {
    /// A new connection.
    case created(SocialConnection)
    /// The owner connected the same account again: tokens updated, `revoked_at` cleared.
    case reconnected(SocialConnection)
    /// Another person already connected this account; nothing was stored.
    case ownedByAnotherUser
}
