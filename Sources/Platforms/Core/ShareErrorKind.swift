/// Why a share did not publish, in terms a person (and the retry logic) can act on.
package enum ShareErrorKind: String, Sendable, Codable, Equatable {
    /// The token is dead or lacks permission: reconnect the account.
    case needsReconnect = "needs_reconnect"
    /// The platform asked us to slow down; see `retryAfter`.
    case rateLimited = "rate_limited"
    /// The platform refused identical content it already has.
    case duplicate
    /// The content itself is unacceptable (too long, image missing or unreachable, …).
    case rejectedContent = "rejected_content"
    /// A network error, timeout or 5xx: trying again later may work.
    case transient
}
