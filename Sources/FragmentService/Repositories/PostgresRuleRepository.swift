import Foundation
import Logging
import PostgresNIO

/// `RuleRepository` over `share_rules`.
struct PostgresRuleRepository: RuleRepository {
    let client: PostgresClient
    let logger: Logger

    /// Every column `select` decodes, in its order; spliced into queries as SQL (a code constant).
    private static let columns = """
        id, connection_id, mode, content_types, source_apps, tags, tags_match, delay_seconds, message_template, enabled,
        created_at, updated_at, user_id
        """

    func rules(userID: String) async throws -> [ShareRule] {
        try await select("SELECT \(unescaped: Self.columns) FROM share_rules WHERE user_id = \(userID) ORDER BY id").map(\.rule)
    }

    func rule(id: Int64, userID: String) async throws -> ShareRule? {
        try await select("SELECT \(unescaped: Self.columns) FROM share_rules WHERE user_id = \(userID) AND id = \(id)").first?.rule
    }

    func save(_ input: ShareRuleInput, id: Int64?, userID: String) async throws -> ShareRule? {
        let r = ShareRule(input: input, id: id ?? 0, createdAt: Date(), updatedAt: Date())
        let rows: PostgresRowSequence
        if let id {
            rows = try await client.query(
                """
                UPDATE share_rules SET connection_id = \(r.connectionID), mode = \(r.mode.rawValue), content_types = \(r.contentTypes),
                    source_apps = \(r.sourceApps), tags = \(r.tags), tags_match = \(r.tagsMatch.rawValue), delay_seconds = \(r.delaySeconds),
                    message_template = \(r.messageTemplate), enabled = \(r.enabled), updated_at = now()
                WHERE id = \(id) AND user_id = \(userID) RETURNING id
                """, logger: logger)
        } else {
            rows = try await client.query(
                """
                INSERT INTO share_rules (user_id, connection_id, mode, content_types, source_apps, tags, tags_match, delay_seconds,
                    message_template, enabled)
                VALUES (\(userID), \(r.connectionID), \(r.mode.rawValue), \(r.contentTypes), \(r.sourceApps), \(r.tags), \(r.tagsMatch.rawValue),
                    \(r.delaySeconds), \(r.messageTemplate), \(r.enabled))
                RETURNING id
                """, logger: logger)
        }
        for try await saved in rows.decode(Int64.self) { return try await rule(id: saved, userID: userID) }
        return nil
    }

    func delete(id: Int64, userID: String) async throws -> Bool {
        let rows = try await client.query("DELETE FROM share_rules WHERE id = \(id) AND user_id = \(userID) RETURNING id", logger: logger)
        for try await _ in rows { return true }
        return false
    }

    func autoRules(author: String?, appID: String) async throws -> [(userID: String, rule: ShareRule)] {
        // The author's rules come by `share_rules_user_idx`; events without an author (polled
        // feeds) are few, and so are the rules that name an app.
        if let author {
            return try await select(
                "SELECT \(unescaped: Self.columns) FROM share_rules WHERE enabled AND mode = 'auto' AND user_id = \(author) ORDER BY id")
        }
        return try await select(
            "SELECT \(unescaped: Self.columns) FROM share_rules WHERE enabled AND mode = 'auto' AND \(appID) = ANY (source_apps) ORDER BY id")
    }

    /// Rules with their owners, from a query that selects `columns`.
    private func select(_ query: PostgresQuery) async throws -> [(userID: String, rule: ShareRule)] {
        var result: [(userID: String, rule: ShareRule)] = []
        for try await c in try await client.query(query, logger: logger)
            .decode((Int64, Int64, String, [String], [String], [String], String, Int, String, Bool, Date, Date, String).self)
        {
            result.append(
                (
                    c.12,
                    ShareRule(
                        id: c.0, connectionID: c.1, mode: try ShareRule.Mode(stored: c.2, column: "rule mode"), contentTypes: c.3, sourceApps: c.4,
                        tags: c.5, tagsMatch: try ShareRule.TagsMatch(stored: c.6, column: "rule tags_match"), delaySeconds: c.7,
                        messageTemplate: c.8, enabled: c.9, createdAt: c.10, updatedAt: c.11)
                ))
        }
        return result
    }
}
