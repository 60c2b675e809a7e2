import Foundation

/// What a Mastodon-API server is, as far as posting safely depends on it
/// (docs/platforms/mastodon-servers.md). Many servers imitate the Mastodon client API but differ
/// in what matters here: whether a repeated `Idempotency-Key` is answered with the first status
/// instead of a second one, which scope reads the account, and how a dead token is reported.
package struct MastodonServer: Sendable, Equatable {
    /// The server software, from NodeInfo's `software.name` or the instance document.
    package enum Software: String, Sendable, Equatable {
        case mastodon, takahe, gotosocial, pleroma, akkoma, iceshrimp, sharkey, friendica, snac, unknown
    }

    package var software: Software

    package init(software: Software) {
        self.software = software
    }

    /// True only where a retried `POST /api/v1/statuses` with the same key is documented to
    /// return the first status: Mastodon itself (and its forks, which report `api_versions.mastodon`
    /// or call themselves Mastodon in NodeInfo). Everything else — unknown software included —
    /// is treated as ignoring the key, so a lost answer there is `unconfirmed`, never retried.
    package var honoursIdempotencyKey: Bool { software == .mastodon }

    /// Reads `software.name` of a NodeInfo document (`nodeinfo.diaspora.software`).
    package static func software(nodeInfoName name: String) -> Software {
        switch name.lowercased().trimmingCharacters(in: .whitespaces) {
        case "mastodon", "glitch-soc", "hometown": .mastodon
        case "takahe", "takahē": .takahe
        case "gotosocial": .gotosocial
        case "pleroma": .pleroma
        case "akkoma": .akkoma
        case "iceshrimp", "iceshrimp.net": .iceshrimp
        case "sharkey", "misskey": .sharkey
        case "friendica": .friendica
        case "snac", "snac2": .snac
        default: .unknown
        }
    }

    /// Reads an instance document's `version` string and whether it lists `api_versions.mastodon`
    /// (Mastodon 4.3 and later). Imitations write "2.7.2 (compatible; Pleroma 2.5.0)" and the like.
    package static func software(instanceVersion version: String?, reportsMastodonAPIVersion: Bool) -> Software {
        let text = (version ?? "").lowercased()
        for (needle, software) in [
            ("akkoma", Software.akkoma), ("pleroma", .pleroma), ("takahe", .takahe), ("takahē", .takahe), ("gotosocial", .gotosocial),
            ("iceshrimp", .iceshrimp), ("sharkey", .sharkey), ("misskey", .sharkey), ("friendica", .friendica), ("snac", .snac),
        ] where text.contains(needle) {
            return software
        }
        return reportsMastodonAPIVersion && !text.contains("compatible") ? .mastodon : .unknown
    }
}
