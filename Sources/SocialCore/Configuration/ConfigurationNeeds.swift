/// The groups of settings a command validates; each command asks only for what it uses
/// (README, "Commands", says which needs what).
package struct ConfigurationNeeds: OptionSet, Sendable {
    package let rawValue: Int
    package init(rawValue: Int) { self.rawValue = rawValue }

    /// `DATABASE_URL`.
    package static let database = ConfigurationNeeds(rawValue: 1 << 0)
    /// `SOCIAL_ENCRYPTION_KEY`: anything that reads or writes stored secrets.
    package static let encryptionKey = ConfigurationNeeds(rawValue: 1 << 1)
    /// `SOCIAL_SESSION_SECRET` and `SOCIAL_IDENTITY_SECRET`: only the web service signs people in.
    package static let identitySecrets = ConfigurationNeeds(rawValue: 1 << 2)
    /// Platform app credentials and pinned API versions.
    package static let platformApps = ConfigurationNeeds(rawValue: 1 << 3)
    /// `PUBLIC_BASE_URL`, listen address, development flags, sandbox URL, feed polling.
    package static let serviceSettings = ConfigurationNeeds(rawValue: 1 << 4)

    /// `serve` needs everything.
    package static let all: ConfigurationNeeds = [.database, .encryptionKey, .identitySecrets, .platformApps, .serviceSettings]
}
