/// `configuration.statuses` of `/api/v2/instance` or `/api/v1/instance`
/// (docs/platforms/mastodon.md, "Text limits"); every level optional because older servers and
/// forks omit it.
struct MastodonInstanceInfo: Decodable {
    struct Configuration: Decodable { var statuses: Statuses? }
    struct Statuses: Decodable {
        var maxCharacters: Int?
        var charactersReservedPerURL: Int?
        enum CodingKeys: String, CodingKey {
            case maxCharacters = "max_characters", charactersReservedPerURL = "characters_reserved_per_url"
        }
    }

    var configuration: Configuration?
    /// Pleroma, Akkoma and GoToSocial's v1 field; Akkoma reports its limit only here
    /// (docs/platforms/mastodon-servers.md, "Detecting the software").
    var maxTootChars: Int?

    enum CodingKeys: String, CodingKey { case configuration, maxTootChars = "max_toot_chars" }
}
