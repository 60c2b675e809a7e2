import Foundation

/// A content app's registered feed and what its last poll left behind.
struct FeedSubscription: Sendable, Equatable {
    var app: ContentApp
    var feedURL: String
    /// Validators of the last successful fetch, sent back so an unchanged feed answers 304.
    var etag: String?
    var lastModified: String?
    /// Items published before the app registered are history, not new content.
    var registeredAt: Date
    var polledAt: Date?
}
