/// The created status's fields we keep (docs/platforms/mastodon.md, "Posting"): `id` and the
/// nullable public `url`.
struct MastodonStatus: Decodable {
    var id: String
    var url: String?

    enum CodingKeys: String, CodingKey { case id, url }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try MastodonID.decode(c, .id)
        url = try c.decodeIfPresent(String.self, forKey: .url)
    }
}
