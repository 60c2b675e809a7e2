import Foundation

/// Instagram limits API-published posts per account in a rolling 24 hours and says how many are
/// used through `content_publishing_limit` (docs/platforms/instagram.md, "Publishing quota").
/// Publishing does not read it (a spent quota comes back as an error); the share page does, to
/// warn before posting.
extension InstagramClient: PublishingQuotaReading {
    /// The account's quota, or nil when it could not be read or is implausible.
    package func publishingQuota(for credentials: StoredCredentials) async -> PublishingQuota? {
        let igID = credentials.extraData["ig_user_id"] ?? credentials.platformUserID
        return await MetaPublishingLimit.read("content_publishing_limit", accountID: igID, token: credentials.accessToken, graph: graph)
    }
}
