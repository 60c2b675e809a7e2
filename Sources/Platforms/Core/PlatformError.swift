import Foundation

/// Why a connect, refresh, verify or revoke call failed, carrying the platform and a description
/// a person can act on. Never contains a token, code or secret.
package struct PlatformError: Error, Sendable, Equatable, CustomStringConvertible {
    package enum Code: Sendable, Equatable {
        /// The grant or token is dead (invalid_grant, revoked, expired): reconnect.
        case invalidGrant
        /// Refresh is not offered by this platform (or not for this token).
        case refreshNotSupported
        /// The person did not grant a permission the service needs.
        case permissionMissing
        /// The account cannot be used (e.g. an Instagram personal account).
        case accountNotEligible
        /// A Mastodon instance address that is malformed, internal or not Mastodon-compatible.
        case invalidInstance
        /// The platform asked us to slow down.
        case rateLimited
        /// Network error, timeout or 5xx: trying again later may work.
        case transient
        /// The platform answered something we do not understand.
        case unexpectedResponse
        /// Our own configuration is wrong (e.g. the app credentials were refused).
        case misconfigured
    }

    package var code: Code
    package var platform: PlatformName
    package var description: String
    package var retryAfter: Date?

    package init(_ code: Code, _ platform: PlatformName, _ description: String, retryAfter: Date? = nil) {
        self.code = code
        self.platform = platform
        self.description = description
        self.retryAfter = retryAfter
    }
}
