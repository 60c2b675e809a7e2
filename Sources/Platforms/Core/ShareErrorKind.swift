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
    /// A network error or timeout before the request was sent: trying again later may work.
    /// (An answer lost after sending, or a 5xx on the posting call, is `unconfirmed`, not this.)
    case transient
    /// This service's app at the platform needs an operator before anything can post there: its
    /// API credit is spent or its usage cap reached (X 402 / `usage-capped`), or the pinned API
    /// version was retired (LinkedIn 426). Never retried by itself.
    case serviceSetup = "service_setup"
}
