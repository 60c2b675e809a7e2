import Foundation

/// A Meta app's id and secret: the Facebook app (Facebook Pages and Instagram via Facebook Login)
/// or the separate Threads app pair (docs/platforms/threads.md, "Hosts and app").
package struct MetaAppCredentials: Sendable, Equatable {
    /// App ID (`client_id`).
    package var appID: String
    /// App secret: only ever sent to the token endpoints, never logged.
    package var appSecret: String

    /// Creates the credentials.
    package init(appID: String, appSecret: String) {
        self.appID = appID
        self.appSecret = appSecret
    }
}

extension MetaAppCredentials: CustomStringConvertible, CustomDebugStringConvertible {
    /// Redacts the secret so logging the configuration cannot leak it.
    package var description: String { "MetaAppCredentials(appID: \(appID), secret: <redacted>)" }
    package var debugDescription: String { description }
}
