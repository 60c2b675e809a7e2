import Foundation
import Ingest

/// Where the feed poller reads feeds; production uses Ingest's `ContentFetcher`.
protocol FeedSource: Sendable {
    /// The feed, or nil when it has not changed since `validators` (HTTP 304).
    func feed(at url: URL, validators: FeedValidators?) async throws -> (feed: ParsedFeed, validators: FeedValidators)?
}

extension ContentFetcher: FeedSource {}
