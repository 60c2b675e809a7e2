/// An OAuth client registered with a platform's developer console.
package struct PlatformCredentials: Sendable, Equatable {
    /// The app or client id (not secret).
    package var clientID: String
    /// The app or client secret. Never logged or rendered.
    package var clientSecret: String

    package init(clientID: String, clientSecret: String) {
        self.clientID = clientID
        self.clientSecret = clientSecret
    }
}
