import Foundation

/// How a platform's access token is kept alive, so the service renews it before it runs out.
package enum TokenRenewal: Sendable, Equatable {
    /// Renewed with a stored refresh token shortly before it expires (X, LinkedIn, Bluesky). No
    /// refresh token stored means the token is simply used until it stops working.
    case refreshToken
    /// Renewed by exchanging the access token itself, which the platform allows only once the token
    /// is `minimumAge` old and before it expires (Threads' 60-day tokens; docs/platforms/threads.md,
    /// "Tokens"). The service renews such a token once fewer than `renewWithin` seconds are left.
    case accessToken(minimumAge: TimeInterval, renewWithin: TimeInterval)

    /// Whether the service keeps this account's token alive without the person.
    package func renewsByItself(hasRefreshToken: Bool) -> Bool {
        switch self {
        case .refreshToken: hasRefreshToken
        case .accessToken: true
        }
    }
}

extension PlatformName {
    /// How this platform's tokens are renewed (see `TokenRenewal`).
    package var tokenRenewal: TokenRenewal {
        switch self {
        // Half of the 60-day lifetime: a missed sweep or a quiet month still leaves weeks to spare.
        case .threads: .accessToken(minimumAge: ThreadsClient.minimumAgeForRefresh, renewWithin: 30 * 24 * 3600)
        case .facebook, .instagram, .twitter, .linkedin, .mastodon, .bluesky: .refreshToken
        }
    }
}
