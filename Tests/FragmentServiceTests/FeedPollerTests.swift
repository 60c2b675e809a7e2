import Foundation
import Ingest
import Testing

@testable import FragmentService

/// A feed that answers from memory and remembers the validators it was sent.
actor FakeFeedSource: FeedSource {
    var items: [FeedItem]
    var etag = "\"1\""
    private(set) var validatorsSeen: [FeedValidators?] = []
    var failing = false

    init(items: [FeedItem]) { self.items = items }

    func setItems(_ items: [FeedItem]) { self.items = items; etag = "\"\(items.count + 1)\"" }
    func setFailing(_ value: Bool) { failing = value }

    func feed(at url: URL, validators: FeedValidators?) async throws -> (feed: ParsedFeed, validators: FeedValidators)? {
        validatorsSeen.append(validators)
        if failing { throw CommandFailure(description: "feed answered HTTP 500") }
        if validators?.etag == etag { return nil }
        return (
            ParsedFeed(format: .rss, title: "Blog", link: nil, description: nil, items: items, problems: []),
            FeedValidators(etag: etag, lastModified: nil)
        )
    }
}

@Suite struct FeedPollerTests {
    static let app = ContentApp(
        id: "market", displayName: "Market", signingSecret: String(repeating: "s", count: 40),
        allowedOrigins: ["https://market.rose-ash.example"], feedURL: "https://market.rose-ash.example/feed.xml", feedContentType: "product")

    static func item(_ id: String, link: String = "https://market.rose-ash.example/p/", published: Date?) -> FeedItem {
        FeedItem(
            id: id, link: link + id, title: "Item \(id)", summary: "About \(id)", contentHTML: nil, publishedAt: published, updatedAt: nil,
            author: nil, image: nil, categories: ["ceramics"])
    }

    @Test func newItemsBecomePublishEventsOnceAndHistoryIsIgnored() async throws {
        let apps = MemoryContentAppRepository([Self.app])
        let events = MemoryPublishEventRepository()
        let later = Date().addingTimeInterval(60)
        let source = FakeFeedSource(items: [
            Self.item("old", published: Date(timeIntervalSince1970: 1_600_000_000)),
            Self.item("undated", published: nil),
            Self.item("new", published: later),
            Self.item("foreign", link: "https://elsewhere.example/", published: later),
        ])
        let poller = FeedPoller(apps: apps, events: events, source: source, signal: WakeSignal(), logger: TestEnvironment.logger)
        #expect(await poller.pollOnce() == 1)
        let stored = try await events.recent(author: nil, limit: 10)
        #expect(stored.map(\.eventID) == ["feed:new"])
        #expect(stored.first?.contentType == "product")
        #expect(stored.first?.source == .feed)

        // Unchanged feed: a conditional request, nothing new.
        #expect(await poller.pollOnce() == 0)
        #expect(await source.validatorsSeen.last??.etag == "\"1\"")

        // A changed feed with the old items again plus a new undated one: only the new one.
        await source.setItems([Self.item("new", published: later), Self.item("fresh", published: nil)])
        #expect(await poller.pollOnce() == 1)
        #expect(try await events.recent(author: nil, limit: 10).map(\.eventID) == ["feed:fresh", "feed:new"])
    }

    @Test func aFailingFeedIsLoggedAndLeftForTheNextPoll() async throws {
        let apps = MemoryContentAppRepository([Self.app])
        let source = FakeFeedSource(items: [Self.item("new", published: Date().addingTimeInterval(60))])
        await source.setFailing(true)
        let events = MemoryPublishEventRepository()
        let poller = FeedPoller(apps: apps, events: events, source: source, signal: WakeSignal(), logger: TestEnvironment.logger)
        #expect(await poller.pollOnce() == 0)
        await source.setFailing(false)
        #expect(await poller.pollOnce() == 1)
    }
}
