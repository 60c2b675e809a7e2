import Foundation
import Platforms

/// Whether an account can be posted to at all right now, whatever the content: the one answer
/// the share page shows and `ShareService` refuses with before any attempt is recorded.
struct AccountReadiness {
    /// Why nothing can be posted to the account, and the kind of failure it is.
    struct Blocked: Error, Equatable {
        var kind: ShareErrorKind?
        var message: String
    }

    /// The platform client to post with, or why the account cannot take posts now: the platform
    /// is not configured here, the account must be reconnected, or an operator paused posting to
    /// the platform (a retired API version).
    static func check(_ connection: SocialConnection, registry: PlatformRegistry) -> Result<any SocialPlatform, Blocked> {
        guard let platform = registry.platform(connection.platform) else {
            return .failure(Blocked(kind: nil, message: "\(connection.platform.displayName) is not available on this server any more."))
        }
        if connection.status == .needsReconnect {
            // Known before any attempt: nothing is recorded or posted, and the person is shown
            // how to reconnect (auto-share jobs wait for that).
            return .failure(Blocked(kind: .needsReconnect, message: reconnectFirst(connection)))
        }
        if registry.postingBlocked(connection.platform) != nil {
            // Certain to fail at the platform: nothing is attempted.
            return .failure(Blocked(kind: .serviceSetup, message: OperatorAlert.pausedMessage(connection.platform)))
        }
        return .success(platform)
    }

    static func reconnectFirst(_ connection: SocialConnection) -> String {
        "Reconnect this \(connection.platform.displayName) account first: \(connection.lastError ?? "its authorisation stopped working")."
    }
}
