/// `verify_credentials` fields we keep (docs/platforms/mastodon.md, "Identity"). `id` may be a
/// number on non-Mastodon servers, so both shapes are read; `display_name` may be empty or missing.
struct MastodonAccount: Decodable {
    var id: String
    var username: String
    var displayName: String?
    var url: String?

    enum CodingKeys: String, CodingKey { case id, username, displayName = "display_name", url }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try MastodonID.decode(c, .id)
        username = try c.decode(String.self, forKey: .username)
        displayName = try c.decodeIfPresent(String.self, forKey: .displayName)
        url = try c.decodeIfPresent(String.self, forKey: .url)
    }
}
