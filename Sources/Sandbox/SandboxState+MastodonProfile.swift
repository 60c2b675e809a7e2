import Foundation

/// Where Mastodon-API servers differ: the profile a host runs, and each profile's error answers
/// and text counting (docs/platforms/mastodon-servers.md, "Behaviour").
extension SandboxState {
    /// The profile of an instance: the inspection API's choice, else the host pattern.
    func mastodonProfile(_ host: String) -> MastodonProfile {
        MastodonProfile.of(mastodonSoftware[host] ?? MastodonSoftware.forHost(host))
    }

    /// The answer to a missing, unknown, revoked or expired token.
    func mastodonTokenRejected(_ host: String, reason: String) -> SandboxResponse {
        switch mastodonProfile(host).software {
        case .mastodon: return .object(.unauthorized, ["error": "The access token \(reason)"])
        case .takahe:
            // Takahē answers 400 text/plain for any token it cannot find
            // (docs/platforms/mastodon-servers.md, "Dead tokens").
            return SandboxResponse(
                status: .badRequest, headers: [("Content-Type", "text/plain; charset=utf-8")],
                body: Data("Invalid Bearer token".utf8))
        case .gotosocial: return .object(.unauthorized, ["error": "Unauthorized: token not supplied"])
        case .pleroma, .akkoma: return .object(.forbidden, ["error": "Invalid credentials."])
        }
    }

    /// The answer to a token that lacks `scope`.
    func mastodonScopeRejected(_ host: String, scope: String) -> SandboxResponse {
        switch mastodonProfile(host).software {
        case .mastodon: .object(.forbidden, ["error": "This action is outside the authorized scopes"])
        case .takahe: .object(.forbidden, ["error": "out_of_scope_for_token"])
        case .gotosocial: .object(.forbidden, ["error": "Forbidden: token has insufficient scope permission"])
        case .pleroma, .akkoma: .object(.forbidden, ["error": "Insufficient permissions: \(scope)."])
        }
    }

    /// Length of a status as the instance's software counts it.
    static func mastodonLength(_ counting: MastodonProfile.Counting, text: String, spoiler: String) -> Int {
        switch counting {
        case .mastodon: TextCounter.mastodonLength(spoiler + text)
        case .codePointsTextOnly: text.unicodeScalars.count
        case .codePointsWithSpoiler: (spoiler + text).unicodeScalars.count
        case .graphemesWithSpoiler: (spoiler + text).count
        }
    }

    /// The answer to an over-long status.
    static func mastodonTooLong(_ software: MastodonSoftware, max: Int) -> SandboxResponse {
        switch software {
        case .mastodon: .object(.unprocessableContent, ["error": "Validation failed: Text character limit of \(max) exceeded"])
        // Takahē's error shape is not confirmed; the sandbox uses the JSON `error` form (NOTES.md
        // "Mastodon-API servers").
        case .takahe: .object(.badRequest, ["error": "Status is too long"])
        case .gotosocial: .object(.badRequest, ["error": "Bad Request: text with spoiler exceed max chars (\(max))"])
        case .pleroma, .akkoma: .object(.unprocessableContent, ["error": "The status is over the character limit"])
        }
    }
}
