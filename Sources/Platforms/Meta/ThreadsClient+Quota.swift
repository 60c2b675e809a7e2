import Foundation

/// Threads allows 250 API-published posts per profile in a rolling 24 hours, enforced when
/// publishing; `threads_publishing_limit` tells how many are used
/// (https://developers.facebook.com/docs/threads/troubleshooting#rate-limiting). Reading it
/// before publishing turns a spent quota into a clear "try again later", and the share page
/// shows what is left (docs/platforms/threads.md, "Publishing quota").
extension ThreadsClient: PublishingQuotaReading {
    /// The profile's quota, or nil when it could not be read or is implausible.
    package func publishingQuota(for credentials: StoredCredentials) async -> PublishingQuota? {
        let userID = credentials.extraData["threads_user_id"] ?? credentials.platformUserID
        return await quota(userID: userID, token: credentials.accessToken)
    }

    func quota(userID: String, token: String) async -> PublishingQuota? {
        await MetaPublishingLimit.read("threads_publishing_limit", accountID: userID, token: token, graph: graph)
    }

    /// A failed result when the profile's publishing quota is used up; nil when there is room or
    /// the limit could not be read (the publish call then has the last word).
    func quotaStop(userID: String, token: String, now: Date = Date()) async -> ShareResult? {
        guard let quota = await quota(userID: userID, token: token), quota.left == 0 else { return nil }
        // The window is rolling: the earliest a slot frees up is unknown, an hour is a fair wait.
        return .failed(
            .rateLimited,
            "Threads allows \(quota.total) posts in \(quota.windowHours) hours from this profile and they are used up; try again later.",
            retryAfter: now.addingTimeInterval(3600))
    }
}
