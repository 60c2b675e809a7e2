import Foundation

/// An Instagram or Threads media container (two-step publishing: create, then publish).
struct MediaContainer: Sendable {
    /// Container states shared by both APIs (docs/platforms/instagram.md and docs/platforms/threads.md,
    /// "Container states").
    enum Status: String, Sendable {
        case inProgress = "IN_PROGRESS", finished = "FINISHED", published = "PUBLISHED", error = "ERROR", expired = "EXPIRED"
    }

    var id: String
    var platform: Platform
    var ownerID: String
    var mediaType: String
    var text: String
    var imageURL: String?
    /// Instagram `alt_text` (image posts only, at most 1,000 characters).
    var imageAlt: String? = nil
    var linkAttachment: String?
    var createdAt: Date
    var status: Status
    /// Media id once published.
    var publishedID: String?
}
