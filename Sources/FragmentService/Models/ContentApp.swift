import Foundation

/// A registered content app (blog, events, market) that may send publish webhooks.
struct ContentApp: Sendable, Equatable {
    var id: String
    var displayName: String
    /// The HMAC key, decrypted. Never logged or rendered.
    var signingSecret: String
    /// `scheme://host[:port]` prefixes its content URLs must start with.
    var allowedOrigins: [String]
    var feedURL: String?
    /// What the feed's items are: `blog_post`, `event` or `product`.
    var feedContentType: String = "blog_post"

    /// Whether `url` belongs to this app.
    func owns(_ url: URL) -> Bool {
        guard let scheme = url.scheme?.lowercased(), let host = url.host?.lowercased() else { return false }
        let origin = url.port.map { "\(scheme)://\(host):\($0)" } ?? "\(scheme)://\(host)"
        return allowedOrigins.contains { $0.lowercased() == origin }
    }
}
