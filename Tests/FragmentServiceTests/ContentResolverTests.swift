import Foundation
import Ingest
import Testing

@testable import FragmentService

/// A page source that answers from memory and counts its fetches.
actor CountingPages: PageMetadataSource {
    private(set) var fetches = 0
    var failing = false
    func setFailing(_ value: Bool) { failing = value }

    func metadata(for url: URL) async throws -> ContentMetadata {
        fetches += 1
        if failing { throw CommandFailure(description: "unreachable") }
        return ContentMetadata(
            url: url.absoluteString, title: "Scraped title", description: "Scraped description", siteName: "Blog", type: "article",
            locale: nil, author: nil, image: ContentImage(url: "https://blog.example/i.jpg", width: nil, height: nil, alt: nil),
            publishedAt: nil, updatedAt: nil, tags: ["kilns"], event: nil, product: nil)
    }
}

@Suite struct ContentResolverTests {
    @Test func aRecordIsStoredReusedWhileFreshAndReadAgainWhenStale() async throws {
        let items = MemoryContentItemRepository()
        let pages = CountingPages()
        let resolver = ContentResolver(items: items, pages: pages)
        let url = "https://blog.example/post"
        #expect(await resolver.resolve(url)?.title == "Scraped title")
        #expect(await resolver.resolve(url)?.title == "Scraped title")
        #expect(await pages.fetches == 1)
        #expect(try await items.find(canonicalURL: url)?.imageURL == "https://blog.example/i.jpg")
        _ = await resolver.resolve(url, now: Date().addingTimeInterval(7 * 3600))
        #expect(await pages.fetches == 2)
        // When the page cannot be read, the stale record still answers.
        await pages.setFailing(true)
        #expect(await resolver.resolve(url, now: Date().addingTimeInterval(14 * 3600))?.title == "Scraped title")
    }

    @Test func whatTheContentAppSentWinsOverWhatWasScraped() async throws {
        let items = MemoryContentItemRepository()
        let url = "https://blog.example/from-webhook"
        _ = try await items.upsert(ContentRecord(canonicalURL: url, contentType: "blog_post", title: "The app's title", tags: ["pottery"]))
        let record = await ContentResolver(items: items, pages: CountingPages()).resolve(url)
        #expect(record?.title == "The app's title")
        #expect(record?.description == "Scraped description")
        #expect(record?.tags == ["pottery"])
    }
}

@Suite struct PublishEventResolutionTests {
    static func worker(
        _ events: MemoryPublishEventRepository, _ items: MemoryContentItemRepository, pages: CountingPages, maxAttempts: Int = 2
    ) -> PublishEventWorker<MemoryContentAppRepository, MemoryPublishEventRepository, MemoryContentItemRepository> {
        PublishEventWorker(
            apps: MemoryContentAppRepository([PublishWebhookTests.blog]), events: events, items: items, pages: pages, signal: WakeSignal(),
            logger: TestEnvironment.logger, maxAttempts: maxAttempts)
    }

    @Test func thePageFillsWhatTheEventLeftOutAndTheEventsOwnValuesWin() async throws {
        let events = MemoryPublishEventRepository()
        let items = MemoryContentItemRepository()
        _ = try await events.record(
            NewPublishEvent(appID: "blog", eventID: "e1", contentType: "blog_post", url: "https://blog.rose-ash.example/a", title: "From the app"))
        await Self.worker(events, items, pages: CountingPages()).drain()
        let record = try #require(try await items.find(canonicalURL: "https://blog.rose-ash.example/a"))
        #expect(record.title == "From the app")
        #expect(record.description == "Scraped description")
        #expect(record.imageURL == "https://blog.example/i.jpg")
    }

    /// The drills found it: killed between "resolved" and planning, an event stayed resolved with
    /// its auto-shares never created. Planning now comes first, so an interrupted planning leaves
    /// the event to be claimed and planned again.
    @Test func anEventIsMarkedResolvedOnlyAfterItsAutoSharesArePlanned() async throws {
        let events = MemoryPublishEventRepository()
        let items = MemoryContentItemRepository()
        let stored = try await events.record(
            NewPublishEvent(appID: "blog", eventID: "e3", contentType: "blog_post", url: "https://blog.rose-ash.example/c", title: "C"))
        let planned = PlannedEvents()
        var worker = Self.worker(events, items, pages: CountingPages())
        worker.afterResolve = { event, _, attach in
            await planned.add(event)
            try await attach()
            throw CommandFailure(description: "the process died while planning")
        }
        await worker.drain()
        let seen = try #require(await planned.events.first)
        #expect(seen.contentItemID != nil, "planned jobs must be able to read the stored record")
        let after = try #require(try await events.recent(author: nil, limit: 5).first { $0.id == stored.event.id })
        #expect(after.state == .received, "an event whose planning did not finish must be claimed again")
        #expect(after.contentItemID == seen.contentItemID)
    }

    actor PlannedEvents {
        var events: [PublishEvent] = []
        func add(_ event: PublishEvent) { events.append(event) }
    }

    @Test func anUnreadablePageWithNoTitleFailsWithTheReasonAfterItsAttempts() async throws {
        let events = MemoryPublishEventRepository()
        let pages = CountingPages()
        await pages.setFailing(true)
        _ = try await events.record(NewPublishEvent(appID: "blog", eventID: "e2", contentType: "event", url: "https://blog.rose-ash.example/b"))
        // With attempts left, a failure backs off instead of being retried at once.
        await Self.worker(events, MemoryContentItemRepository(), pages: pages).drain()
        #expect(try await events.recent(author: nil, limit: 1).first?.state == .received)
        #expect(await pages.fetches == 1)
        // The last attempt fails for good, with the reason.
        _ = try await events.record(NewPublishEvent(appID: "blog", eventID: "e3", contentType: "event", url: "https://blog.rose-ash.example/c"))
        await Self.worker(events, MemoryContentItemRepository(), pages: pages, maxAttempts: 1).drain()
        let event = try #require(try await events.recent(author: nil, limit: 1).first)
        #expect(event.state == .failed)
        #expect(event.stateDetail?.contains("could not be read") == true)
    }
}
