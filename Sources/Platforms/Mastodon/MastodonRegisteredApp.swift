/// The part of `POST /api/v1/apps`'s answer we keep (mastodon.md §1); other fields vary by version.
struct MastodonRegisteredApp: Decodable {
    var clientID: String
    var clientSecret: String

    enum CodingKeys: String, CodingKey { case clientID = "client_id", clientSecret = "client_secret" }
}
