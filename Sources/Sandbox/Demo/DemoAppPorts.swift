/// Where the running demo apps listen (what `withRunningDemoApps` hands its body).
public struct DemoAppPorts: Sendable, Equatable {
    /// Port of the blog.
    public var blog: Int
    /// Port of the events listing.
    public var events: Int
    /// Port of the market.
    public var market: Int

    /// Creates the value from one port per app.
    public init(blog: Int, events: Int, market: Int) {
        self.blog = blog
        self.events = events
        self.market = market
    }

    /// The port of one app.
    public subscript(kind: DemoAppKind) -> Int {
        switch kind {
        case .blog: blog
        case .events: events
        case .market: market
        }
    }

    /// `http://127.0.0.1:<port>` of one app (the apps bind to loopback in tests).
    public func origin(of kind: DemoAppKind) -> String { "http://127.0.0.1:\(self[kind])" }
}
