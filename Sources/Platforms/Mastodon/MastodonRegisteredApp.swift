/// The part of `POST /api/v1/apps`'s answer we keep (docs/platforms/mastodon.md,
/// "App registration"); other fields vary by version.
struct MastodonRegisteredApp: Decodable {
    var clientID: String
    var clientSecret: String

    enum CodingKeys: String, CodingKey { case clientID = "client_id", clientSecret = "client_secret" }
}
