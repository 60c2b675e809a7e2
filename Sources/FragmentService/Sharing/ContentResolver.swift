import Foundation

/// What the share page knows about a URL it was opened with: the stored record while it is
/// fresh, otherwise the page read again (through the safe fetcher) and stored; a stale record
/// when the page cannot be read now.
struct ContentResolver<Items: ContentItemRepository>: Sendable {
    /// Records older than this are read again.
    static var freshness: TimeInterval { 6 * 3600 }

    let items: Items
    let pages: (any PageMetadataSource)?

    func resolve(_ url: String, now: Date = Date()) async -> ContentRecord? {
        let stored = try? await items.find(canonicalURL: url)
        if let stored, let fetched = stored.fetchedAt, now.timeIntervalSince(fetched) < Self.freshness { return stored }
        guard let pages, let target = URL(string: url), let metadata = try? await pages.metadata(for: target) else { return stored }
        var record = ContentRecord.scraped(metadata, requestedURL: url)
        // What a content app sent in its webhook stays: scraped values only fill gaps.
        if let stored {
            record.title = stored.title ?? record.title
            record.description = stored.description ?? record.description
            if let image = stored.imageURL, image != record.imageURL {
                // The app's own image: its alt text (if any), not the page's.
                record.imageURL = image
                record.imageAlt = stored.imageAlt
            } else {
                record.imageAlt = stored.imageAlt ?? record.imageAlt
            }
            record.contentType = stored.contentType ?? record.contentType
            if !stored.tags.isEmpty { record.tags = stored.tags }
        }
        _ = try? await items.upsert(record)
        return record
    }
}
