import Foundation

/// Threads allows 250 API-published posts per profile in a rolling 24 hours, enforced when
/// publishing; `threads_publishing_limit` tells how many are used
/// (https://developers.facebook.com/docs/threads/troubleshooting#rate-limiting). Reading it
/// before publishing turns a spent quota into a clear "try again later".
extension ThreadsClient {
    private struct PublishingLimit: Decodable {
        struct Entry: Decodable {
            struct Config: Decodable {
                var quotaTotal: Int?
                var quotaDuration: Int?
                enum CodingKeys: String, CodingKey { case quotaTotal = "quota_total", quotaDuration = "quota_duration" }
            }
            var quotaUsage: Int?
            var config: Config?
            enum CodingKeys: String, CodingKey { case quotaUsage = "quota_usage", config }
        }
        var data: [Entry]
    }

    /// A failed result when the profile's publishing quota is used up; nil when there is room or
    /// the limit could not be read (the publish call then has the last word).
    func quotaStop(userID: String, token: String, now: Date = Date()) async -> ShareResult? {
        guard
            let answer = try? await graph.get(
                "\(userID)/threads_publishing_limit", query: [("fields", "quota_usage,config")], token: token, as: PublishingLimit.self),
            let entry = answer.value.data.first, let used = entry.quotaUsage, let total = entry.config?.quotaTotal,
            (0...1_000_000).contains(used), (1...1_000_000).contains(total), used >= total
        else { return nil }
        // The window is rolling: the earliest a slot frees up is unknown, an hour is a fair wait.
        let duration = entry.config?.quotaDuration.flatMap { (3600...604_800).contains($0) ? $0 : nil } ?? 86_400
        return .failed(
            .rateLimited, "Threads allows \(total) posts in \(duration / 3600) hours from this profile and they are used up; try again later.",
            retryAfter: now.addingTimeInterval(3600))
    }
}
