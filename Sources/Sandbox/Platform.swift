/// The platforms the sandbox emulates. Every host the sandbox does not know is a Mastodon instance.
public enum Platform: String, Sendable, Codable, CaseIterable {
    case facebook, instagram, threads, twitter, linkedin, mastodon, bluesky

    /// Hosts served for each platform (real host names used as the first path segment).
    /// Alternate hosts: docs/platforms/twitter.md "Hosts", threads.md "Hosts and app",
    /// instagram.md "Instagram Login", facebook.md "Graph API version".
    static let hostTable: [String: Platform] = [
        "graph.facebook.com": .facebook, "www.facebook.com": .facebook, "facebook.com": .facebook,
        "graph.instagram.com": .instagram, "api.instagram.com": .instagram,
        "www.instagram.com": .instagram, "instagram.com": .instagram,
        "graph.threads.net": .threads, "graph.threads.com": .threads,
        "threads.com": .threads, "www.threads.com": .threads,
        "threads.net": .threads, "www.threads.net": .threads,
        "api.x.com": .twitter, "x.com": .twitter, "api.twitter.com": .twitter, "twitter.com": .twitter,
        "www.linkedin.com": .linkedin, "api.linkedin.com": .linkedin, "linkedin.com": .linkedin,
        "bsky.social": .bluesky, "plc.directory": .bluesky, "bsky.app": .bluesky,
        "pds.grace.example": .bluesky, "grace.example": .bluesky,
    ]

    /// Host suffixes served as Bluesky: handles under the entryway and Bluesky-run PDSes
    /// (docs/platforms/bluesky.md, "Discovery").
    static let blueskySuffixes = [".bsky.social", ".host.bsky.network"]

    /// The platform that answers for a host name; unknown hosts are Mastodon instances.
    static func forHost(_ host: String) -> Platform {
        let host = host.lowercased()
        if let platform = hostTable[host] { return platform }
        return blueskySuffixes.contains { host.hasSuffix($0) } ? .bluesky : .mastodon
    }
}
