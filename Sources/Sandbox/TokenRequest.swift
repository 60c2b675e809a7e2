/// `POST /_sandbox/tokens` body: mint a token directly (e.g. already expired) for tests.
struct TokenRequest: Codable {
    var platform: Platform
    var account: String
    var clientID: String
    var scopes: [String]
    /// Seconds until expiry from now; negative = already expired; absent = platform default.
    var expiresIn: Double?
    /// Backdates the issue time (for the ≥ 24 h refresh rule).
    var ageSeconds: Double?
    var instance: String?
    /// `access` (default), `refresh`, `shortLivedUser`, `longLivedUser`, `page`.
    var kind: IssuedToken.Kind?
    var pageID: String?
    enum CodingKeys: String, CodingKey {
        case platform, account, clientID = "client_id", scopes, expiresIn = "expires_in", ageSeconds = "age_seconds"
        case instance, kind, pageID = "page_id"
    }
}
