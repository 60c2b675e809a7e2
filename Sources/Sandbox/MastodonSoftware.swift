/// The server software an emulated Mastodon-API instance runs (docs/platforms/mastodon-servers.md;
/// NOTES.md "Mastodon-API servers"). Decoding an unknown name fails, so a typo in a test is loud.
package enum MastodonSoftware: String, Sendable, Codable, CaseIterable {
    case mastodon, takahe, gotosocial, pleroma, akkoma

    /// The software a host runs when the inspection API has not chosen one: the first DNS label
    /// names it (`takahe.example` → Takahē, `gts.example` or `gotosocial.example` → GoToSocial,
    /// `pleroma.…`, `akkoma.…`); every other host runs Mastodon 4.5.
    static func forHost(_ host: String) -> MastodonSoftware {
        switch host.lowercased().split(separator: ".").first.map(String.init) ?? "" {
        case "takahe": .takahe
        case "gts", "gotosocial": .gotosocial
        case "pleroma": .pleroma
        case "akkoma": .akkoma
        default: .mastodon
        }
    }
}
