import Foundation
import Synchronization

/// The platforms this deployment can use: each built lazily on first use from its
/// factory; a platform whose credentials are missing is listed as unavailable with the
/// variables it needs. Mastodon needs no credentials and is always available.
package final class PlatformRegistry: Sendable {
    /// How to build one platform, or why it cannot be built here.
    package enum Entry: Sendable {
        case available(@Sendable () -> any SocialPlatform)
        case unavailable(needs: String)
    }

    private let entries: [PlatformName: Entry]
    /// Platforms built so far; each is built once, under the lock, on first use.
    private let built = Mutex<[PlatformName: any SocialPlatform]>([:])
    /// What the operator must act on for the configured platforms (`APIVersionCalendar`).
    package let alerts: [OperatorAlert]

    package init(_ entries: [PlatformName: Entry], alerts: [OperatorAlert] = []) {
        self.entries = entries
        self.alerts = alerts
    }

    /// Why posting to `name` cannot work at all here, when an operator must act first.
    package func postingBlocked(_ name: PlatformName) -> OperatorAlert? {
        alerts.first { $0.blocksPosting && $0.platforms.contains(name) }
    }

    /// The platform if it is available here (built on first use, then reused).
    package func platform(_ name: PlatformName) -> (any SocialPlatform)? {
        guard case .available(let make) = entries[name] else { return nil }
        return built.withLock { built in
            if let platform = built[name] { return platform }
            let platform = make()
            built[name] = platform
            return platform
        }
    }

    /// Available platforms in display order.
    package var available: [PlatformName] {
        PlatformName.allCases.filter { if case .available = entries[$0] { true } else { false } }
    }

    /// What configuration an unavailable platform needs, for the UI; nil when available.
    package func unavailableReason(_ name: PlatformName) -> String? {
        switch entries[name] {
        case .available: nil
        case .unavailable(let needs): needs
        case nil: "not supported by this deployment"
        }
    }
}
