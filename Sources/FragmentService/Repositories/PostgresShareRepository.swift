import Foundation
import Logging
import Platforms
import PostgresNIO

/// `ShareRepository` over `social_shares`. The partial unique index on live shares and the
/// unique idempotency key make a double post impossible even when two requests race.
struct PostgresShareRepository: ShareRepository {
    let client: PostgresClient
    let logger: Logger
    var pendingLease: TimeInterval = Self.defaultPendingLease

    /// Ten minutes: an attempt makes at most a refresh, a post and one retry, each call bounded
    /// by the outbound timeouts (Instagram's container wait included), so it ends well before.
    static let defaultPendingLease: TimeInterval = 600

    private static let columns = """
        id, connection_id, user_id, shared_url, shared_title, message, status, platform_post_id, platform_post_url,
        error_kind, error_message, repeat_of, origin, created_at
        """

    func expireStalePending() async throws -> Int {
        try await expire(connectionID: nil, url: nil)
    }

    /// Makes stale pending attempts unconfirmed: all of them, or one connection's for one URL.
    private func expire(connectionID: Int64?, url: String?) async throws -> Int {
        let rows = try await client.query(
            """
            UPDATE social_shares SET status = 'unconfirmed', error_kind = 'transient', error_message = \(ShareRecord.lostAttemptMessage),
                updated_at = now()
            WHERE status = 'pending' AND created_at < now() - make_interval(secs => \(pendingLease))
                AND (\(connectionID)::bigint IS NULL OR connection_id = \(connectionID))
                AND (\(url)::text IS NULL OR shared_url = \(url))
            RETURNING id
            """, logger: logger)
        var count = 0
        for try await _ in rows { count += 1 }
        if count > 0 { logger.warning("lost share attempts marked unconfirmed", metadata: ["count": "\(count)"]) }
        return count
    }

    func start(
        connectionID: Int64, userID: String, url: String, title: String?, message: String?, idempotencyKey: String, shareAgain: Bool,
        origin: String
    ) async throws -> ShareStart {
        _ = try await expire(connectionID: connectionID, url: url)
        var insert = PostgresQuery(
            unsafeSQL: """
                INSERT INTO social_shares (connection_id, user_id, shared_url, shared_title, message, idempotency_key, origin, repeat_of)
                VALUES ($1, $2, $3, $4, $5, $6, $7,
                    CASE WHEN $8 THEN (SELECT id FROM social_shares WHERE connection_id = $1 AND shared_url = $3
                        AND status IN ('pending', 'published', 'unconfirmed') AND repeat_of IS NULL ORDER BY id DESC LIMIT 1) END)
                ON CONFLICT DO NOTHING
                RETURNING \(Self.columns)
                """)
        insert.binds.append(connectionID)
        insert.binds.append(userID)
        insert.binds.append(url)
        insert.binds.append(title)
        insert.binds.append(message)
        insert.binds.append(idempotencyKey)
        insert.binds.append(origin)
        insert.binds.append(shareAgain)
        if let record = try await records(insert).first { return .started(record) }

        var same = PostgresQuery(unsafeSQL: "SELECT \(Self.columns) FROM social_shares WHERE connection_id = $1 AND idempotency_key = $2")
        same.binds.append(connectionID)
        same.binds.append(idempotencyKey)
        if let record = try await records(same).first { return .repeatedSubmission(record) }

        var live = PostgresQuery(
            unsafeSQL: """
                SELECT \(Self.columns) FROM social_shares WHERE connection_id = $1 AND shared_url = $2
                AND status IN ('pending', 'published', 'unconfirmed') AND repeat_of IS NULL
                """)
        live.binds.append(connectionID)
        live.binds.append(url)
        guard let record = try await records(live).first else { throw PostgresRepositoryError.noRowReturned }
        return .alreadyShared(record)
    }

    func finish(id: Int64, result: ShareResult) async throws -> ShareRecord {
        let status = ShareStatus(result.outcome).rawValue
        var query = PostgresQuery(
            unsafeSQL: """
                UPDATE social_shares SET status = $2, platform_post_id = $3, platform_post_url = $4, error_kind = $5,
                    error_message = $6, updated_at = now()
                WHERE id = $1 RETURNING \(Self.columns)
                """)
        query.binds.append(id)
        query.binds.append(status)
        query.binds.append(result.platformPostID)
        query.binds.append(result.platformPostURL)
        query.binds.append(result.errorKind?.rawValue)
        query.binds.append(result.message)
        guard let record = try await records(query).first else { throw PostgresRepositoryError.noRowReturned }
        return record
    }

    func history(userID: String, limit: Int, offset: Int) async throws -> [ShareHistoryEntry] {
        let rows = try await client.query(
            """
            SELECT s.id, s.connection_id, s.user_id, s.shared_url, s.shared_title, s.message, s.status, s.platform_post_id,
                s.platform_post_url, s.error_kind, s.error_message, s.repeat_of, s.origin, s.created_at,
                c.platform, COALESCE(c.display_name, c.platform_username, c.platform_user_id)
            FROM social_shares s JOIN social_connections c ON c.id = s.connection_id
            WHERE s.user_id = \(userID) ORDER BY s.created_at DESC, s.id DESC LIMIT \(limit) OFFSET \(offset)
            """, logger: logger)
        var result: [ShareHistoryEntry] = []
        for try await row in rows {
            let r = row.makeRandomAccess()
            let share = try Self.record(row)
            let platform = try r[14].decode(String.self, context: .default)
            let name = try r[15].decode(String.self, context: .default)
            result.append(ShareHistoryEntry(share: share, platform: PlatformName(rawValue: platform) ?? .mastodon, accountName: name))
        }
        return result
    }

    func liveShares(userID: String, url: String) async throws -> [Int64: ShareRecord] {
        var query = PostgresQuery(
            unsafeSQL: """
                SELECT \(Self.columns) FROM social_shares WHERE user_id = $1 AND shared_url = $2
                AND status IN ('pending', 'published', 'unconfirmed') ORDER BY id
                """)
        query.binds.append(userID)
        query.binds.append(url)
        var result: [Int64: ShareRecord] = [:]
        for record in try await records(query) { result[record.connectionID] = record }
        return result
    }

    private func records(_ query: PostgresQuery) async throws -> [ShareRecord] {
        var result: [ShareRecord] = []
        for try await row in try await client.query(query, logger: logger) { result.append(try Self.record(row)) }
        return result
    }

    private static func record(_ row: PostgresRow) throws -> ShareRecord {
        let r = row.makeRandomAccess()
        func text(_ i: Int) throws -> String? { try r[i].decode(String?.self, context: .default) }
        return ShareRecord(
            id: try r[0].decode(Int64.self, context: .default), connectionID: try r[1].decode(Int64.self, context: .default),
            userID: try r[2].decode(String.self, context: .default), url: try r[3].decode(String.self, context: .default),
            title: try text(4), message: try text(5), status: ShareStatus(rawValue: try r[6].decode(String.self, context: .default)) ?? .failed,
            postID: try text(7), postURL: try text(8), errorKind: try text(9), errorMessage: try text(10),
            repeatOf: try r[11].decode(Int64?.self, context: .default), origin: try r[12].decode(String.self, context: .default),
            createdAt: try r[13].decode(Date.self, context: .default))
    }
}

extension ShareStatus {
    init(_ outcome: ShareOutcome) {
        switch outcome {
        case .published: self = .published
        case .failed: self = .failed
        case .unconfirmed: self = .unconfirmed
        }
    }
}
