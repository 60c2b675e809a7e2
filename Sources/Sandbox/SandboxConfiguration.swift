/// Everything needed to start a sandbox: bind address, registered apps, Mastodon instance limits.
public struct SandboxConfiguration: Sendable {
    /// Address to bind.
    public var host: String
    /// Port to bind; 0 picks a free port (learn it from `onServerRunning`).
    public var port: Int
    /// Apps the emulated developer consoles know about.
    public var apps: [RegisteredApp]
    /// `max_characters` per Mastodon instance host; hosts not listed use 500 (docs/platforms/mastodon.md, "Text limits").
    public var mastodonMaxCharacters: [String: Int]
    /// Where the Bluesky authorization servers fetch client-metadata documents: an `https://` origin
    /// named by a `client_id` → the `http://` origin that really serves it (NOTES.md "Bluesky").
    public var blueskyClientOrigins: [String: String] = [:]

    /// Creates a configuration.
    public init(
        host: String = "127.0.0.1", port: Int = 8100, apps: [RegisteredApp] = [],
        mastodonMaxCharacters: [String: Int] = ["small.example": 500]
    ) {
        self.host = host
        self.port = port
        self.apps = apps
        self.mastodonMaxCharacters = mastodonMaxCharacters
    }

    /// Reads apps from the variables the service itself uses (`SOCIAL_*_APP_ID` …, `PUBLIC_BASE_URL`).
    /// The redirect URI of each app is `PUBLIC_BASE_URL + "/social/callback/<platform>/"`.
    public static func fromEnvironment(
        _ environment: [String: String], host: String = "127.0.0.1", port: Int = 8100
    ) -> SandboxConfiguration {
        var base = environment["PUBLIC_BASE_URL"] ?? ""
        while base.hasSuffix("/") { base.removeLast() }
        func callback(_ name: String) -> String { base + "/social/callback/\(name)/" }
        var apps: [RegisteredApp] = []
        func add(_ platform: Platform, _ idKey: String, _ secretKey: String, _ callbacks: [String]) {
            guard let id = environment[idKey], !id.isEmpty, !base.isEmpty else { return }
            let secret = environment[secretKey].flatMap { $0.isEmpty ? nil : $0 }
            apps.append(
                RegisteredApp(
                    platform: platform, clientID: id, clientSecret: secret,
                    redirectURIs: callbacks.map(callback), name: "Rose Ash"))
        }
        // Facebook and Instagram (Facebook Login variant) share the Facebook app (docs/platforms/instagram.md, "Facebook Login").
        add(.facebook, "SOCIAL_FACEBOOK_APP_ID", "SOCIAL_FACEBOOK_APP_SECRET", ["facebook", "instagram"])
        add(.threads, "SOCIAL_THREADS_APP_ID", "SOCIAL_THREADS_APP_SECRET", ["threads"])
        add(.twitter, "SOCIAL_TWITTER_CLIENT_ID", "SOCIAL_TWITTER_CLIENT_SECRET", ["twitter"])
        add(.linkedin, "SOCIAL_LINKEDIN_CLIENT_ID", "SOCIAL_LINKEDIN_CLIENT_SECRET", ["linkedin"])
        return SandboxConfiguration(host: host, port: port, apps: apps)
    }
}
