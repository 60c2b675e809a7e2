import Foundation
import Logging
import PostgresNIO

/// `PublishEventRepository` over `publish_events`.
struct PostgresPublishEventRepository: PublishEventRepository {
    let client: PostgresClient
    let logger: Logger
    /// How long a claimed event stays with one worker before another may take it.
    var lease: TimeInterval = 300

    /// Every column `events` decodes, in its order; spliced into queries as SQL (a code constant).
    private static let columns = """
        id, app_id, event_id, source, content_type, url, title, description, image_url, tags, author_user_id,
        published_at, state, state_detail, attempts, content_item_id, received_at, resolved_at, image_alt
        """

    func record(_ e: NewPublishEvent) async throws -> (event: PublishEvent, created: Bool) {
        let inserted = try await client.query(
            """
            INSERT INTO publish_events (app_id, event_id, source, content_type, url, title, description, image_url, image_alt,
                tags, author_user_id, published_at)
            VALUES (\(e.appID), \(e.eventID), \(e.source.rawValue), \(e.contentType), \(e.url), \(e.title), \(e.description),
                \(e.imageURL), \(e.imageAlt), \(e.tags), \(e.authorUserID), \(e.publishedAt))
            ON CONFLICT (app_id, event_id) DO NOTHING RETURNING id
            """, logger: logger)
        var newID: Int64?
        for try await id in inserted.decode(Int64.self) { newID = id }
        let query: PostgresQuery = "SELECT \(unescaped: Self.columns) FROM publish_events WHERE app_id = \(e.appID) AND event_id = \(e.eventID)"
        guard let event = try await events(query).first else { throw PostgresRepositoryError.noRowReturned }
        return (event, newID != nil)
    }

    func recent(author: String?, limit: Int) async throws -> [PublishEvent] {
        let query: PostgresQuery = """
            SELECT \(unescaped: Self.columns) FROM publish_events WHERE (\(author)::text IS NULL OR author_user_id = \(author))
            ORDER BY received_at DESC, id DESC LIMIT \(limit)
            """
        return try await events(query)
    }

    func claimPending(limit: Int, maxAttempts: Int) async throws -> [PublishEvent] {
        try await client.query(
            """
            UPDATE publish_events SET state = 'failed',
                state_detail = \(PublishEvent.exhaustedPrefix(maxAttempts)) || COALESCE(state_detail, \(PublishEvent.diedWhileResolving))
            WHERE state = 'received' AND attempts >= \(maxAttempts) AND next_attempt_at <= now()
            """, logger: logger)
        let query: PostgresQuery = """
            UPDATE publish_events SET attempts = attempts + 1, next_attempt_at = now() + make_interval(secs => \(lease))
            WHERE id IN (SELECT id FROM publish_events WHERE state = 'received' AND next_attempt_at <= now()
                         AND attempts < \(maxAttempts) ORDER BY next_attempt_at LIMIT \(limit) FOR UPDATE SKIP LOCKED)
            RETURNING \(unescaped: Self.columns)
            """
        return try await events(query)
    }

    func event(id: Int64) async throws -> PublishEvent? {
        let query: PostgresQuery = "SELECT \(unescaped: Self.columns) FROM publish_events WHERE id = \(id)"
        return try await events(query).first
    }

    func events(ids: [Int64]) async throws -> [Int64: PublishEvent] {
        guard !ids.isEmpty else { return [:] }
        let query: PostgresQuery = "SELECT \(unescaped: Self.columns) FROM publish_events WHERE id = ANY (\(Array(Set(ids))))"
        return Dictionary(try await events(query).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    func attachItem(id: Int64, contentItemID: Int64) async throws {
        try await client.query("UPDATE publish_events SET content_item_id = \(contentItemID) WHERE id = \(id)", logger: logger)
    }

    func markResolved(id: Int64, contentItemID: Int64) async throws {
        try await client.query(
            """
            UPDATE publish_events SET state = 'resolved', state_detail = NULL, content_item_id = \(contentItemID), resolved_at = now()
            WHERE id = \(id)
            """, logger: logger)
    }

    func markFailed(id: Int64, detail: String, final: Bool) async throws {
        let backoff = 60.0
        try await client.query(
            """
            UPDATE publish_events SET state = CASE WHEN \(final) THEN 'failed' ELSE state END, state_detail = \(detail),
                next_attempt_at = now() + make_interval(secs => \(backoff) * attempts)
            WHERE id = \(id)
            """, logger: logger)
    }

    private func events(_ query: PostgresQuery) async throws -> [PublishEvent] {
        var result: [PublishEvent] = []
        let rows = try await client.query(query, logger: logger)
        for try await row in rows {
            let c = try row.decode(
                (
                    Int64, String, String, String, String, String, String?, String?, String?, [String], String?, Date?, String, String?, Int, Int64?,
                    Date, Date?,
                    String?
                ).self)
            result.append(
                PublishEvent(
                    id: c.0, appID: c.1, eventID: c.2, source: try PublishEvent.Source(stored: c.3, column: "event source"), contentType: c.4,
                    url: c.5, title: c.6, description: c.7,
                    imageURL: c.8, imageAlt: c.18, tags: c.9, authorUserID: c.10, publishedAt: c.11,
                    state: try PublishEvent.State(stored: c.12, column: "event state"),
                    stateDetail: c.13, attempts: c.14, contentItemID: c.15, receivedAt: c.16, resolvedAt: c.17))
        }
        return result
    }
}
