import Foundation
import Ingest
import Testing

@testable import FragmentService

/// The date a content record keeps when the page gives only some of its dates.
@Suite struct ContentRecordDateTests {
    static let modified = Date(timeIntervalSince1970: 1_714_978_800)

    @Test func aPageThatOnlySaysWhenItWasModifiedIsRecordedWithThatDate() {
        let metadata = ContentMetadata(url: "https://blog.example/post", title: "Post", updatedAt: Self.modified)
        #expect(ContentRecord.scraped(metadata, requestedURL: "https://blog.example/post").publishedAt == Self.modified)
    }

    @Test func aPublishedDateWinsOverTheModifiedDate() {
        let published = Date(timeIntervalSince1970: 1_700_000_000)
        let metadata = ContentMetadata(url: "https://blog.example/post", publishedAt: published, updatedAt: Self.modified)
        #expect(ContentRecord.scraped(metadata, requestedURL: "https://blog.example/post").publishedAt == published)
    }
}
