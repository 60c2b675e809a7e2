/// Settings of the demo content apps: where the social service is, where each app listens,
/// the webhook secrets and the demo user.
public struct DemoAppsConfiguration: Sendable {
    /// Base URL of the social service (fragments and webhooks), e.g. `http://127.0.0.1:8080`.
    public var serviceURL: String
    /// Address the apps bind to; also the host of their public URLs (`0.0.0.0` → `127.0.0.1`).
    public var host: String
    /// Port per app (0 picks a free one; the origin follows the bound port).
    public var ports: [DemoAppKind: Int]
    /// Webhook signing secret per app; an app without one creates items but sends nothing.
    public var secrets: [DemoAppKind: String]
    /// User id sent as `author` in publish webhooks.
    public var author: String
    /// Limit on fetching the share-button fragment (keep it ≤ 500 ms).
    public var fragmentTimeout: Duration
    /// Limit on sending a publish webhook.
    public var publishTimeout: Duration

    /// Creates a configuration; unspecified ports use the defaults (8201, 8202, 8203).
    public init(
        serviceURL: String, host: String = "127.0.0.1", ports: [DemoAppKind: Int] = [:],
        secrets: [DemoAppKind: String] = [:], author: String = "demo-ada",
        fragmentTimeout: Duration = .milliseconds(400), publishTimeout: Duration = .seconds(5)
    ) {
        self.serviceURL = String(serviceURL.reversed().drop { $0 == "/" }.reversed())
        self.host = host
        self.ports = ports
        self.secrets = secrets
        self.author = author
        self.fragmentTimeout = fragmentTimeout
        self.publishTimeout = publishTimeout
    }

    /// Adds the secrets (`DEMO_BLOG_SECRET`, `DEMO_EVENTS_SECRET`, `DEMO_MARKET_SECRET`) and the
    /// author (`DEMO_AUTHOR`, default `demo-ada`) from the environment.
    public mutating func read(environment: [String: String]) {
        for kind in DemoAppKind.allCases {
            if let secret = environment[kind.secretVariable], !secret.isEmpty { secrets[kind] = secret }
        }
        if let author = environment["DEMO_AUTHOR"], !author.isEmpty { self.author = author }
    }

    /// The port an app binds to.
    public func port(of kind: DemoAppKind) -> Int { ports[kind] ?? kind.defaultPort }

    /// The origin of an app listening on `port`.
    public func origin(port: Int) -> String {
        let publicHost = ["0.0.0.0", "::", ""].contains(host) ? "127.0.0.1" : host
        return "http://\(publicHost.contains(":") ? "[\(publicHost)]" : publicHost):\(port)"
    }
}
