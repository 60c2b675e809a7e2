import Foundation

/// A publish event from a content app, as stored.
struct PublishEvent: Sendable, Equatable, Codable {
    enum State: String, Sendable, Codable { case received, resolved, failed }
    /// Where the event came from: a content app's signed webhook, or its feed.
    enum Source: String, Sendable, Codable { case webhook, feed }

    var id: Int64
    var appID: String
    var eventID: String
    var source: Source
    var contentType: String
    var url: String
    var title: String?
    var description: String?
    var imageURL: String?
    /// What the app says the image shows (for people who cannot see it).
    var imageAlt: String? = nil
    var tags: [String]
    var authorUserID: String?
    var publishedAt: Date?
    var state: State
    var stateDetail: String?
    var attempts: Int
    var contentItemID: Int64?
    var receivedAt: Date
    var resolvedAt: Date?

    enum CodingKeys: String, CodingKey {
        case id, source, url, title, description, tags, state, attempts
        case appID = "app"
        case eventID = "event_id"
        case contentType = "content_type"
        case imageURL = "image"
        case imageAlt = "image_alt"
        case authorUserID = "author"
        case publishedAt = "published_at"
        case stateDetail = "state_detail"
        case contentItemID = "content_item_id"
        case receivedAt = "received_at"
        case resolvedAt = "resolved_at"
    }
}

/// What intake stores for a new event.
struct NewPublishEvent: Sendable, Equatable {
    var appID: String
    var eventID: String
    var source: PublishEvent.Source = .webhook
    var contentType: String
    var url: String
    var title: String?
    var description: String?
    var imageURL: String?
    var imageAlt: String? = nil
    var tags: [String] = []
    var authorUserID: String?
    var publishedAt: Date?
}

extension PublishEvent {
    /// The start of the reason an event given up by `PublishEventRepository.claimPending` carries.
    static func exhaustedPrefix(_ attempts: Int) -> String { "Gave up after \(attempts) attempts. Last problem: " }
    /// Its end when no attempt recorded a problem: every one was cut short.
    static let diedWhileResolving = "resolving it never finished (the worker stopped while working on it)."
}
