import Foundation

/// The answer of Threads' `threads_publishing_limit` and Instagram's `content_publishing_limit`:
/// `{"data": [{"quota_usage": N, "config": {"quota_total": T, "quota_duration": 86400}}]}`
/// (docs/platforms/threads.md and docs/platforms/instagram.md, "Publishing quota").
struct MetaPublishingLimit: Decodable {
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

    /// The first entry as a quota, when its numbers are plausible.
    var quota: PublishingQuota? {
        guard let entry = data.first else { return nil }
        return PublishingQuota(used: entry.quotaUsage, total: entry.config?.quotaTotal, windowSeconds: entry.config?.quotaDuration)
    }

    /// Reads `{accountID}/{edge}?fields=quota_usage,config` with `token`; nil on any failure.
    static func read(_ edge: String, accountID: String, token: String, graph: MetaGraphClient) async -> PublishingQuota? {
        let answer = try? await graph.get("\(accountID)/\(edge)", query: [("fields", "quota_usage,config")], token: token, as: Self.self)
        return answer?.value.quota
    }
}
