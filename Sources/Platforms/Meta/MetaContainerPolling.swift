import Foundation

/// How long to wait for a media container to become publishable. Meta advises polling about once
/// a minute for five minutes, but images are normally ready within seconds (docs/platforms/instagram.md,
/// "Container states"), and a share is interactive — so a short, bounded poll; a container still not
/// ready is reported as transient, and nothing is published.
package struct MetaContainerPolling: Sendable, Equatable {
    /// Status checks before giving up.
    package var attempts: Int
    /// Pause between checks.
    package var interval: Duration

    /// Creates a polling policy.
    package init(attempts: Int = 10, interval: Duration = .seconds(1)) {
        self.attempts = max(1, attempts)
        self.interval = interval
    }
}
