import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Ingest
import SocialCore
import Testing

@testable import FragmentService

/// Instagram takes alt text for an image; the share page asks for it.
@Suite struct ShareAltTextTests {
    @Test func theSharePageOffersAltTextForItsImagePrefilledFromTheLink() async throws {
        try await ConnectFlow.with { flow, _, client in
            let session = try await BrowserSession.signedIn(client)
            try await SharePageTests.connectMastodon(flow, client, session)
            let base = "/social/share/?url=https%3A%2F%2Fblog.rose-ash.example%2Fposts%2Fkiln&title=Kiln"
            let (_, withImage, _) = try await ConnectFlowTests.get(
                client, base + "&image=https%3A%2F%2Fblog.rose-ash.example%2Fkiln.jpg&image_alt=A+wood-fired+kiln", session)
            #expect(withImage.contains(#"name="image_alt""#))
            #expect(withImage.contains(#"value="A wood-fired kiln""#))
            let (_, withoutImage, _) = try await ConnectFlowTests.get(client, base, session)
            #expect(!withoutImage.contains(#"name="image_alt""#))
        }
    }
}

/// Alt text for auto-shares. A content app sends `image_alt` with its image, a page
/// gives `og:image:alt`; either is stored and travels with the image it describes.
@Suite struct ContentImageAltTests {
    static let event = PublishEvent(
        id: 1, appID: "blog", eventID: "e1", source: .webhook, contentType: "blog_post", url: "https://blog.rose-ash.example/a",
        title: "A", imageURL: nil, tags: [], state: .resolved, attempts: 0, receivedAt: Date())

    static func scraped(image: String, alt: String?) -> ContentMetadata {
        ContentMetadata(
            url: "https://blog.rose-ash.example/a", title: "A", description: nil, siteName: nil, type: "article", locale: nil, author: nil,
            image: ContentImage(url: image, alt: alt), publishedAt: nil, updatedAt: nil, tags: [], event: nil, product: nil)
    }

    @Test func thePagesAltTextIsKeptOnlyForThePagesOwnImage() {
        let page = Self.scraped(image: "https://blog.rose-ash.example/a.jpg", alt: "  A kiln at dusk ")
        #expect(ContentRecord.merge(event: Self.event, scraped: page, app: nil).imageAlt == "A kiln at dusk")
        var other = Self.event
        other.imageURL = "https://blog.rose-ash.example/other.jpg"
        #expect(ContentRecord.merge(event: other, scraped: page, app: nil).imageAlt == nil)
        other.imageAlt = "Glaze tests on a shelf"
        #expect(ContentRecord.merge(event: other, scraped: page, app: nil).imageAlt == "Glaze tests on a shelf")
        #expect(ContentRecord.scraped(page, requestedURL: page.url).imageAlt == "A kiln at dusk")
    }

    @Test func anAutoShareCarriesTheAltTextOfTheImageItShares() {
        let job = AutoShareJob(
            id: 7, eventID: 1, ruleID: 1, connectionID: 3, userID: "user-1", message: nil, state: .waiting, attempts: 0, runAfter: Date())
        var event = Self.event
        event.imageURL = "https://blog.rose-ash.example/a.jpg"
        event.imageAlt = "A kiln at dusk"
        #expect(job.content(event: event, record: nil).imageAlt == "A kiln at dusk")
        let record = ContentRecord.merge(event: event, scraped: nil, app: nil)
        let content = job.content(event: event, record: record)
        #expect(content.imageURL == "https://blog.rose-ash.example/a.jpg" && content.imageAlt == "A kiln at dusk")
    }

    @Test func theWebhookTakesImageAltOnlyWithAnImageAndWithinInstagramsLimit() async throws {
        let deps = AppDependencies.inMemory(apps: [PublishWebhookTests.blog])
        let app = try await buildApplication(configuration: TestEnvironment.configuration(), dependencies: deps, logger: TestEnvironment.logger)
        try await app.test(.router) { client in
            let cases: [(String, HTTPResponse.Status)] = [
                (#","image_alt":"A kiln""#, .unprocessableContent),
                (#","image":"https://blog.rose-ash.example/k.jpg","image_alt":"\#(String(repeating: "a", count: 1001))""#, .unprocessableContent),
                (#","image":"https://blog.rose-ash.example/k.jpg","image_alt":" A kiln at dusk ""#, .accepted),
            ]
            for (index, (extra, status)) in cases.enumerated() {
                let body = PublishWebhookTests.body(eventID: "alt-\(index)", extra: extra)
                try await client.execute(
                    uri: "/webhooks/publish", method: .post, headers: PublishWebhookTests.headers(body), body: ByteBuffer(string: body)
                ) {
                    #expect($0.status == status, "\(extra.prefix(60))")
                }
            }
            #expect(try await deps.events.recent(author: nil, limit: 5).first?.imageAlt == "A kiln at dusk")
        }
    }

    @Test func theSharePagePrefillsAltTextFromThePageItReads() async throws {
        let items = MemoryContentItemRepository()
        _ = try await items.upsert(
            ContentRecord(
                canonicalURL: "https://blog.rose-ash.example/posts/kiln", title: "Kiln", imageURL: "https://blog.rose-ash.example/kiln.jpg",
                imageAlt: "A wood-fired kiln", tags: [], fetchedAt: Date()))
        let record = await ContentResolver(items: items, pages: nil).resolve("https://blog.rose-ash.example/posts/kiln")
        #expect(record?.imageAlt == "A wood-fired kiln")
    }
}

@Suite(.enabled(if: TestDatabase.isAvailable, "set TEST_DATABASE_URL (make test does)"))
struct ImageAltStorageTests {
    @Test func eventsAndRecordsKeepTheirAltText() async throws {
        try await TestDatabase.withDatabase { client in
            let apps = PostgresContentAppRepository(client: client, fernet: try Fernet(keyList: FernetKey.generate()), logger: TestDatabase.logger)
            try await apps.save(PublishWebhookTests.blog)
            let events = PostgresPublishEventRepository(client: client, logger: TestDatabase.logger)
            let stored = try await events.record(
                NewPublishEvent(
                    appID: "blog", eventID: "e1", contentType: "blog_post", url: "https://blog.rose-ash.example/a",
                    imageURL: "https://blog.rose-ash.example/a.jpg", imageAlt: "A kiln at dusk"))
            #expect(stored.event.imageAlt == "A kiln at dusk")
            let items = PostgresContentItemRepository(client: client, logger: TestDatabase.logger)
            let id = try await items.upsert(ContentRecord.merge(event: stored.event, scraped: nil, app: nil))
            #expect(try await items.find(id: id)?.imageAlt == "A kiln at dusk")
        }
    }
}
