/// The platforms this service can post to. The raw value is what the database stores
/// (`social_connections.platform`) and what routes use (`/social/connect/<platform>/`).
package enum PlatformName: String, CaseIterable, Codable, Sendable, Comparable {
    case facebook, instagram, threads, twitter, linkedin, mastodon, bluesky

    /// The name people know it by.
    package var displayName: String {
        switch self {
        case .facebook: "Facebook"
        case .instagram: "Instagram"
        case .threads: "Threads"
        case .twitter: "X"
        case .linkedin: "LinkedIn"
        case .mastodon: "Mastodon"
        case .bluesky: "Bluesky"
        }
    }

    /// The Font Awesome 6 brand icon class shown beside the platform and its accounts.
    package var iconClass: String {
        switch self {
        case .facebook: "fa-facebook"
        case .instagram: "fa-instagram"
        case .threads: "fa-threads"
        case .twitter: "fa-x-twitter"
        case .linkedin: "fa-linkedin"
        case .mastodon: "fa-mastodon"
        case .bluesky: "fa-bluesky"
        }
    }

    /// Whether connecting asks the person which server their account lives on (Mastodon-API
    /// servers are many; the others have one host). The server's address is kept with the
    /// connection as `instance_url` and filled in again when the account is reconnected.
    package var asksForServer: Bool { self == .mastodon }

    /// Whether connecting asks for the person's handle (Bluesky: the handle leads to the account's
    /// own server and its authorization server; docs/platforms/bluesky.md, "Discovery").
    package var asksForHandle: Bool { self == .bluesky }

    package static func < (lhs: PlatformName, rhs: PlatformName) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
}
