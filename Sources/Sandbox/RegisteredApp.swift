/// An OAuth client the sandbox accepts, as a developer console (or Mastodon's `/api/v1/apps`) would hold it.
public struct RegisteredApp: Sendable, Codable, Equatable {
    /// Platform whose console holds the app. Instagram via Facebook Login uses the `facebook` app.
    public var platform: Platform
    /// Mastodon instance host for Mastodon apps; `nil` elsewhere.
    public var instance: String?
    /// Client (app) id.
    public var clientID: String
    /// Client secret; `nil` for an X public client (Native/SPA).
    public var clientSecret: String?
    /// Redirect URIs allowed by exact match.
    public var redirectURIs: [String]
    /// Scopes the app registered (Mastodon); empty means "not restricted by registration".
    public var scopes: [String]
    /// Display name shown on the consent page.
    public var name: String
    /// Mastodon: the numeric app id `/api/v1/apps` answered, and the `website` it was given.
    var appID: String?
    var website: String?

    /// Creates an app registration.
    public init(
        platform: Platform, instance: String? = nil, clientID: String, clientSecret: String?,
        redirectURIs: [String], scopes: [String] = [], name: String = "Registered app"
    ) {
        self.platform = platform
        self.instance = instance
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.redirectURIs = redirectURIs
        self.scopes = scopes
        self.name = name
    }

    enum CodingKeys: String, CodingKey {
        case platform, instance, clientID = "client_id", clientSecret = "client_secret"
        case redirectURIs = "redirect_uris", scopes, name
    }

    /// Decodes the inspection API's JSON; `scopes` and `name` are optional there.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        platform = try c.decode(Platform.self, forKey: .platform)
        instance = try c.decodeIfPresent(String.self, forKey: .instance)
        clientID = try c.decode(String.self, forKey: .clientID)
        clientSecret = try c.decodeIfPresent(String.self, forKey: .clientSecret)
        redirectURIs = try c.decode([String].self, forKey: .redirectURIs)
        scopes = try c.decodeIfPresent([String].self, forKey: .scopes) ?? []
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? "Registered app"
    }
}
