/// A Bluesky account in the sandbox: its DID, handle, the PDS that hosts its repository, the
/// authorization server that PDS names, and an app password (docs/platforms/bluesky.md, "Identity").
public struct DemoBlueskyAccount: Sendable, Codable, Equatable {
    /// `did:plc:…` (PLC directory) or `did:web:…` (self-hosted).
    public var did: String
    /// Handle (a domain name).
    public var handle: String
    /// Display name (empty = none set).
    public var name: String
    /// Host of the PDS (`serviceEndpoint` of `#atproto_pds`).
    public var pdsHost: String
    /// Host of the authorization server the PDS names (its issuer is `https://` + this host).
    public var authorizationHost: String
    /// An app password of the account (`xxxx-xxxx-xxxx-xxxx`).
    public var appPassword: String

    /// Creates an account.
    public init(did: String, handle: String, name: String, pdsHost: String, authorizationHost: String, appPassword: String) {
        self.did = did
        self.handle = handle
        self.name = name
        self.pdsHost = pdsHost
        self.authorizationHost = authorizationHost
        self.appPassword = appPassword
    }

    enum CodingKeys: String, CodingKey {
        case did, handle, name, pdsHost = "pds_host", authorizationHost = "authorization_host", appPassword = "app_password"
    }
}
