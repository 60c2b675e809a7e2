import Foundation

/// A failure a test switched on for one platform.
public struct FailureRule: Sendable, Codable, Equatable {
    /// The kinds of failure the sandbox can produce.
    public enum Mode: String, Sendable, Codable, CaseIterable {
        case expiredToken = "expired_token"
        case revokedToken = "revoked_token"
        case rateLimit = "rate_limit"
        case serverError = "server_error"
        case slow
        case timeout
        case duplicate
        case malformed
        /// The request is executed, then the connection is closed without a response.
        case lostResponse = "lost_response"
        /// The request is executed, then a 502 with an empty body is returned.
        case lostResponse502 = "lost_response_502"
        /// X only: the app's pay-per-use credit is spent (402; docs/platforms/twitter.md, "Billing").
        case creditsDepleted = "credits_depleted"
        /// X only: the app's usage cap is reached (429 with the `usage-capped` problem type).
        case usageCapped = "usage_capped"
    }

    /// Platform the rule applies to.
    public var platform: Platform
    /// Failure kind.
    public var mode: Mode
    /// How many API requests it applies to; `nil` = until cleared.
    public var count: Int?
    /// Seconds of delay for `slow`, hang time for `timeout` (default 600 s).
    public var latency: Double?
    /// Only requests whose path (below the host) contains this text are affected.
    public var pathContains: String?
    /// Only requests with this method (`GET`, `POST`, …) are affected.
    public var method: String?

    enum CodingKeys: String, CodingKey {
        case platform, mode, count, latency, pathContains = "path_contains", method
    }

    /// Creates a rule.
    public init(platform: Platform, mode: Mode, count: Int? = nil, latency: Double? = nil, pathContains: String? = nil, method: String? = nil) {
        self.platform = platform
        self.mode = mode
        self.count = count
        self.latency = latency
        self.pathContains = pathContains
        self.method = method
    }
}
