import Foundation

/// Who connected (docs/platforms/mastodon.md, "Identity"): ids are unique only per instance, so the
/// account id is `{id}@{host}`; an empty display name falls back to the username.
extension MastodonPlatform {
    func identity(accessToken: String, instance: URL) async throws(PlatformError) -> OAuthResult {
        let response = try await send(.GET, instance.appending(path: "api/v1/accounts/verify_credentials"), token: accessToken)
        guard (200..<300).contains(response.status) else { throw Self.error(for: response, doing: "reading your account") }
        guard let account = response.decode(MastodonAccount.self) else {
            throw PlatformError(.unexpectedResponse, .mastodon, "The Mastodon server's account answer was unreadable.")
        }
        let displayName = account.displayName.flatMap { $0.isEmpty ? nil : $0 } ?? account.username
        return OAuthResult(
            platformUserID: "\(account.id)@\(MastodonInstance.authority(of: instance))", username: account.username, displayName: displayName,
            accessToken: accessToken, expiresAt: nil, extraData: ["instance_url": instance.absoluteString])
    }
}
