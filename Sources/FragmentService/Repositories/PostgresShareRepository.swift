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

    /// Every column `record` decodes, in its order; spliced into queries as SQL (a code constant).
    private static let columns = """
        id, connection_id, user_id, shared_url, shared_title, message, status, platform_post_id, platform_post_url,
        error_kind, error_message, repeat_of, origin, created_at
        """

    func expireStalePending() async throws -> Int {
        try await expire(connectionIDs: nil, url: nil)
    }

    /// Makes stale pending attempts unconfirmed: all of them, or those of some connections for one URL.
    private func expire(connectionIDs: [Int64]?, url: String?) async throws -> Int {
        let rows = try await client.query(
            """
            UPDATE social_shares SET status = 'unconfirmed', error_kind = 'transient', error_message = \(ShareRecord.lostAttemptMessage),
                updated_at = now()
            WHERE status = 'pending' AND created_at < now() - make_interval(secs => \(pendingLease))
                AND (\(connectionIDs)::bigint[] IS NULL OR connection_id = ANY(\(connectionIDs)::bigint[]))
                AND (\(url)::text IS NULL OR shared_url = \(url))
            RETURNING id
            """, logger: logger)
        var count = 0
        for try await _ in rows { count += 1 }
        if count > 0 { logger.warning("lost share attempts marked unconfirmed", metadata: ["count": "\(count)"]) }
        return count
    }

    /// One INSERT for every account, whatever their number; only when some were refused, two
    /// more: their stale attempts settled, and one SELECT that says why.
    func start(
        connectionIDs: [Int64], userID: String, url: String, title: String?, message: String?, messages: [Int64: String],
        idempotencyKey: String, shareAgain: Set<Int64>, origin: ShareOrigin
    ) async throws -> [Int64: ShareStart] {
        var seen: Set<Int64> = []
        let ids = connectionIDs.filter { seen.insert($0).inserted }
        guard !ids.isEmpty else { return [:] }
        // `ON CONFLICT DO NOTHING` without a target covers both guards: the idempotency key and
        // the partial unique index on live shares. A "share again" row names the live share it
        // repeats, which takes it out of that index. Rows go in in the order asked.
        let again = ids.map { shareAgain.contains($0) }
        // An account's own text travels with a flag saying it has one (PostgresNIO binds arrays
        // of non-optional values only); without it the row takes the order's `message`.
        let own = ids.map { messages[$0] ?? "" }
        let hasOwn = ids.map { messages[$0] != nil }
        let insert: PostgresQuery = """
            INSERT INTO social_shares (connection_id, user_id, shared_url, shared_title, message, idempotency_key, origin, repeat_of)
            SELECT asked.connection_id, \(userID), \(url), \(title), CASE WHEN asked.has_own THEN asked.own ELSE \(message) END,
                \(idempotencyKey), \(origin.rawValue),
                CASE WHEN asked.again THEN (SELECT live.id FROM social_shares live
                    WHERE live.connection_id = asked.connection_id AND live.shared_url = \(url)
                    AND live.status IN ('pending', 'published', 'unconfirmed') AND live.repeat_of IS NULL ORDER BY live.id DESC LIMIT 1) END
            FROM unnest(\(ids)::bigint[], \(again)::boolean[], \(own)::text[], \(hasOwn)::boolean[])
                WITH ORDINALITY AS asked (connection_id, again, own, has_own, place)
            ORDER BY asked.place
            ON CONFLICT DO NOTHING
            RETURNING \(unescaped: Self.columns)
            """
        var result: [Int64: ShareStart] = [:]
        for record in try await records(insert) { result[record.connectionID] = .started(record) }
        let refused = ids.filter { result[$0] == nil }
        guard !refused.isEmpty else { return result }
        // A stale pending attempt still counts as live (so it refused this one), but it is shown
        // as what it now is: unconfirmed. Only refused accounts can have one, so only they are
        // looked at, and a share that goes through costs no statement for it.
        _ = try await expire(connectionIDs: refused, url: url)

        // Why each was refused: the same form first (as it was submitted before), else the live share.
        let why: PostgresQuery = """
            SELECT \(unescaped: Self.columns), idempotency_key = \(idempotencyKey) FROM social_shares
            WHERE connection_id = ANY(\(refused)::bigint[]) AND (idempotency_key = \(idempotencyKey)
                OR (shared_url = \(url) AND status IN ('pending', 'published', 'unconfirmed') AND repeat_of IS NULL))
            """
        var sameForm: [Int64: ShareRecord] = [:]
        var live: [Int64: ShareRecord] = [:]
        for try await row in try await client.query(why, logger: logger) {
            let record = try Self.record(row)
            if try row.makeRandomAccess()[14].decode(Bool.self, context: .default) {
                sameForm[record.connectionID] = record
            } else {
                live[record.connectionID] = record
            }
        }
        for id in refused {
            if let record = sameForm[id] {
                result[id] = .repeatedSubmission(record)
            } else if let record = live[id] {
                result[id] = .alreadyShared(record)
            }
        }
        return result
    }

    /// One UPDATE for every outcome. PostgresNIO encodes arrays only of non-optional elements,
    /// and a post link or an error message may be absent, so the outcomes travel as one JSON
    /// array read by `jsonb_to_recordset` (https://www.postgresql.org/docs/current/functions-json.html).
    func finish(_ results: [Int64: ShareResult]) async throws -> [Int64: ShareRecord] {
        guard !results.isEmpty else { return [:] }
        let outcomes = results.map { id, result in
            FinishedAttempt(
                id: id, status: ShareStatus(result.outcome).rawValue, postID: result.platformPostID, postURL: result.platformPostURL,
                errorKind: result.errorKind?.rawValue, errorMessage: result.message)
        }
        let json = String(decoding: try JSONEncoder().encode(outcomes), as: UTF8.self)
        // The record's column names differ from `social_shares`' so RETURNING reads the table's.
        let query: PostgresQuery = """
            UPDATE social_shares SET status = done.new_status, platform_post_id = done.new_post_id, platform_post_url = done.new_post_url,
                error_kind = done.new_error_kind, error_message = done.new_error_message, updated_at = now()
            FROM jsonb_to_recordset(\(json)::jsonb) AS done (share_id bigint, new_status text, new_post_id text, new_post_url text,
                new_error_kind text, new_error_message text)
            WHERE social_shares.id = done.share_id
            RETURNING \(unescaped: Self.columns)
            """
        var stored: [Int64: ShareRecord] = [:]
        for record in try await records(query) { stored[record.id] = record }
        return stored
    }

    /// One element of `finish`'s JSON array.
    private struct FinishedAttempt: Encodable {
        let id: Int64
        let status: String
        let postID: String?
        let postURL: String?
        let errorKind: String?
        let errorMessage: String?

        enum CodingKeys: String, CodingKey {
            case id = "share_id", status = "new_status", postID = "new_post_id", postURL = "new_post_url"
            case errorKind = "new_error_kind", errorMessage = "new_error_message"
        }
    }

    func history(userID: String, filter: ShareHistoryFilter, limit: Int, offset: Int) async throws -> [ShareHistoryEntry] {
        // One statement whatever the filter: a filter left open binds NULL, and `$n::text IS NULL`
        // lets every row through (the index on user_id and created_at still orders the rows).
        let platform = filter.platform?.rawValue
        let status = filter.status?.rawValue
        let origin = filter.origin?.rawValue
        let rows = try await client.query(
            """
            SELECT s.id, s.connection_id, s.user_id, s.shared_url, s.shared_title, s.message, s.status, s.platform_post_id,
                s.platform_post_url, s.error_kind, s.error_message, s.repeat_of, s.origin, s.created_at,
                c.platform, COALESCE(c.display_name, c.platform_username, c.platform_user_id)
            FROM social_shares s JOIN social_connections c ON c.id = s.connection_id
            WHERE s.user_id = \(userID)
                AND (\(platform)::text IS NULL OR c.platform = \(platform))
                AND (\(status)::text IS NULL OR s.status = \(status))
                AND (\(origin)::text IS NULL OR s.origin = \(origin))
            ORDER BY s.created_at DESC, s.id DESC LIMIT \(limit) OFFSET \(offset)
            """, logger: logger)
        var result: [ShareHistoryEntry] = []
        for try await row in rows {
            let r = row.makeRandomAccess()
            let share = try Self.record(row)
            let platform = try r[14].decode(String.self, context: .default)
            let name = try r[15].decode(String.self, context: .default)
            result.append(ShareHistoryEntry(share: share, platform: try PlatformName(stored: platform, column: "platform"), accountName: name))
        }
        return result
    }

    func liveShares(userID: String, url: String) async throws -> [Int64: ShareRecord] {
        let query: PostgresQuery = """
            SELECT \(unescaped: Self.columns) FROM social_shares WHERE user_id = \(userID) AND shared_url = \(url)
            AND status IN ('pending', 'published', 'unconfirmed') ORDER BY id
            """
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
            title: try text(4), message: try text(5),
            status: try ShareStatus(stored: try r[6].decode(String.self, context: .default), column: "share status"),
            postID: try text(7), postURL: try text(8), errorKind: try text(9).map { try ShareErrorKind(stored: $0, column: "share error kind") },
            errorMessage: try text(10),
            repeatOf: try r[11].decode(Int64?.self, context: .default),
            origin: try ShareOrigin(stored: try r[12].decode(String.self, context: .default), column: "share origin"),
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
