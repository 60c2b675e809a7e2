import Foundation
import Platforms

/// What an operator needs to know to run this deployment, in one value: which platforms are set
/// up and what to register at each, the pinned API versions and when they retire, connections
/// people must act on, and the work waiting in the queues. `social-service doctor` prints it and
/// the operator page shows it.
struct OperatorReport: Sendable, Encodable {
    enum Level: String, Sendable, Encodable, Comparable {
        case ok, warning, critical
        static func < (a: Level, b: Level) -> Bool {
            let order: [Level] = [.ok, .warning, .critical]
            return (order.firstIndex(of: a) ?? 0) < (order.firstIndex(of: b) ?? 0)
        }
    }

    /// One platform's set-up.
    struct Platform: Sendable, Encodable {
        var platform: PlatformName
        var name: String
        var configured: Bool
        /// The settings an unconfigured platform needs.
        var needs: String?
        /// The redirect URI to register in the platform's app settings.
        var redirectURI: String
        /// The scopes the connect flow asks for (register or request them for the app).
        var scopes: [String]
        /// Whether the platform accepts the app's credentials, in words.
        var credentials: String
        var level: Level
    }

    /// One pinned API version.
    struct PinnedVersion: Sendable, Encodable {
        var platforms: [PlatformName]
        /// The setting that pins it.
        var setting: String
        var version: String
        /// The first day it no longer works, when known.
        var retires: Date?
        /// False when the date is our estimate, not the platform's.
        var confirmed: Bool
        var level: Level
        var message: String
    }

    /// The connections of one platform that need someone.
    struct Connections: Sendable, Encodable, Equatable {
        var platform: PlatformName
        var live: Int
        /// Marked "needs reconnect" (the person sees why).
        var needsReconnect: Int
        /// Tokens that expire within `OperatorReport.expiryHorizon` and cannot be refreshed.
        var expiringWithoutRefresh: Int
    }

    /// The work waiting in one queue.
    struct Queue: Sendable, Encodable, Equatable {
        var name: String
        var waiting: Int
        /// Seconds the oldest waiting item has waited; nil when none waits.
        var oldestSeconds: Int?
        var level: Level
    }

    var generatedAt: Date
    var publicBaseURL: String
    var sandbox: Bool
    var platforms: [Platform]
    var versions: [PinnedVersion]
    var connections: [Connections]
    var queues: [Queue]

    /// How far ahead a token expiry without a refresh path counts.
    static let expiryHorizon: TimeInterval = 14 * 86_400

    /// The worst level in the report: `doctor` exits non-zero on `critical`.
    var level: Level {
        (platforms.map(\.level) + versions.map(\.level) + queues.map(\.level)).max() ?? .ok
    }
}
