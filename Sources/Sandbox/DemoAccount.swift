/// A person (or Page / professional account) that exists on an emulated platform.
public struct DemoAccount: Sendable, Codable, Equatable {
    /// Platform-side id.
    public var id: String
    /// Username / handle (`acct` on Mastodon, vanity on others).
    public var username: String
    /// Display name.
    public var name: String

    /// Creates an account.
    public init(id: String, username: String, name: String) {
        self.id = id
        self.username = username
        self.name = name
    }
}
