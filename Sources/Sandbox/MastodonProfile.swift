import Foundation

/// What one Mastodon-API server software does differently, as data (docs/platforms/mastodon-servers.md,
/// "Detecting the software" and "Behaviour"). Behaviour that is not data lives in
/// `SandboxState+MastodonProfile.swift`.
struct MastodonProfile: Sendable {
    /// How a retried `POST /api/v1/statuses` with the same `Idempotency-Key` is treated.
    enum Idempotency: Sendable {
        /// Mastodon: per account, 1 h, stored only after success (docs/platforms/mastodon.md,
        /// "Posting").
        case perAccount
        /// Takahē, GoToSocial: the header is ignored; a retry posts again.
        case ignored
        /// Pleroma, Akkoma: the whole response (errors too) is cached 6 h under the raw key, for everyone.
        case globalResponse
    }

    /// How status text is measured against the limit.
    enum Counting: Sendable {
        /// Mastodon: graphemes of CW + text, URL = 23, remote mentions shortened.
        case mastodon
        /// Takahē: code points of the text only (CW not counted), URLs at full length.
        case codePointsTextOnly
        /// GoToSocial: code points of CW + text, URLs at full length.
        case codePointsWithSpoiler
        /// Pleroma, Akkoma: graphemes of CW + text, URLs at full length.
        case graphemesWithSpoiler
    }

    var software: MastodonSoftware
    /// `version` in `/api/v1/instance` and `/api/v2/instance`, as the software writes it.
    var instanceVersion: String
    /// NodeInfo `software.name` / `software.version`.
    var nodeInfoName: String
    var nodeInfoVersion: String
    /// NodeInfo documents served: schema version → path below the host.
    var nodeInfoDocuments: [(schema: String, path: String)]
    /// `api_versions.mastodon` (Mastodon 4.3+ only).
    var apiVersion: Int?
    /// Whether `/api/v2/instance` exists (Akkoma: 404).
    var servesInstanceV2: Bool
    /// Whether `/.well-known/oauth-authorization-server` and `/oauth/userinfo` exist (Mastodon 4.3+/4.4+).
    var servesOAuthMetadata: Bool
    /// `max_characters` when the inspection API set none.
    var defaultMaxCharacters: Int
    /// `characters_reserved_per_url` as reported (not necessarily applied).
    var reportedURLWeight: Int
    /// Scope `verify_credentials` needs, and an alternative scope that also suffices.
    var accountScope: (scope: String, alternative: String?)
    var idempotency: Idempotency
    var counting: Counting
    /// Whether `code_challenge` is checked at the token step.
    var checksPKCE: Bool
    /// Token lifetime (`expires_in`) and whether a refresh token comes with it; `nil` = never expires.
    var tokenLifetime: TimeInterval?

    static func of(_ software: MastodonSoftware) -> MastodonProfile {
        switch software {
        case .mastodon: mastodon
        case .takahe: takahe
        case .gotosocial: gotosocial
        case .pleroma: pleroma
        case .akkoma: akkoma
        }
    }

    static let mastodon = MastodonProfile(
        software: .mastodon, instanceVersion: "4.5.0", nodeInfoName: "mastodon", nodeInfoVersion: "4.5.0",
        nodeInfoDocuments: [("2.0", "/nodeinfo/2.0")], apiVersion: 7, servesInstanceV2: true, servesOAuthMetadata: true,
        defaultMaxCharacters: 500, reportedURLWeight: 23, accountScope: ("read:accounts", "profile"),
        idempotency: .perAccount, counting: .mastodon, checksPKCE: true, tokenLifetime: nil)

    static let takahe = MastodonProfile(
        software: .takahe, instanceVersion: "0.11.0", nodeInfoName: "takahe", nodeInfoVersion: "0.11.0",
        nodeInfoDocuments: [("2.0", "/nodeinfo/2.0/")], apiVersion: nil, servesInstanceV2: true, servesOAuthMetadata: false,
        defaultMaxCharacters: 500, reportedURLWeight: 23, accountScope: ("read", nil),
        idempotency: .ignored, counting: .codePointsTextOnly, checksPKCE: false, tokenLifetime: nil)

    static let gotosocial = MastodonProfile(
        software: .gotosocial, instanceVersion: "3.5.3+0.20.1", nodeInfoName: "gotosocial", nodeInfoVersion: "0.20.1",
        nodeInfoDocuments: [("2.0", "/nodeinfo/2.0"), ("2.1", "/nodeinfo/2.1")], apiVersion: nil, servesInstanceV2: true,
        servesOAuthMetadata: false, defaultMaxCharacters: 5000, reportedURLWeight: 25, accountScope: ("read:accounts", "profile"),
        idempotency: .ignored, counting: .codePointsWithSpoiler, checksPKCE: true, tokenLifetime: nil)

    static let pleroma = MastodonProfile(
        software: .pleroma, instanceVersion: "2.7.2 (compatible; Pleroma 2.9.1)", nodeInfoName: "pleroma", nodeInfoVersion: "2.9.1",
        nodeInfoDocuments: [("2.0", "/nodeinfo/2.0.json"), ("2.1", "/nodeinfo/2.1.json")], apiVersion: nil, servesInstanceV2: true,
        servesOAuthMetadata: false, defaultMaxCharacters: 5000, reportedURLWeight: 0, accountScope: ("read:accounts", nil),
        idempotency: .globalResponse, counting: .graphemesWithSpoiler, checksPKCE: false, tokenLifetime: 3_155_760_000)

    static let akkoma = MastodonProfile(
        software: .akkoma, instanceVersion: "2.7.2 (compatible; Akkoma 3.16.0)", nodeInfoName: "akkoma", nodeInfoVersion: "3.16.0",
        nodeInfoDocuments: [("2.0", "/nodeinfo/2.0.json"), ("2.1", "/nodeinfo/2.1.json")], apiVersion: nil, servesInstanceV2: false,
        servesOAuthMetadata: false, defaultMaxCharacters: 5000, reportedURLWeight: 0, accountScope: ("read:accounts", nil),
        idempotency: .globalResponse, counting: .graphemesWithSpoiler, checksPKCE: false, tokenLifetime: 3_155_760_000)
}
