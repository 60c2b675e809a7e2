import Foundation

/// `RuleRepository` in memory, for router tests.
actor MemoryRuleRepository: RuleRepository {
    private var rows: [(userID: String, rule: ShareRule)] = []
    private var nextID: Int64 = 1

    func rules(userID: String) async throws -> [ShareRule] { rows.filter { $0.userID == userID }.map(\.rule) }

    func rule(id: Int64, userID: String) async throws -> ShareRule? { rows.first { $0.userID == userID && $0.rule.id == id }?.rule }

    func save(_ input: ShareRuleInput, id: Int64?, userID: String) async throws -> ShareRule? {
        let now = Date()
        if let id {
            guard let index = rows.firstIndex(where: { $0.userID == userID && $0.rule.id == id }) else { return nil }
            rows[index].rule = ShareRule(input: input, id: id, createdAt: rows[index].rule.createdAt, updatedAt: now)
            return rows[index].rule
        }
        let rule = ShareRule(input: input, id: nextID, createdAt: now, updatedAt: now)
        nextID += 1
        rows.append((userID, rule))
        return rule
    }

    func delete(id: Int64, userID: String) async throws -> Bool {
        let before = rows.count
        rows.removeAll { $0.userID == userID && $0.rule.id == id }
        return rows.count < before
    }

    /// Deletes the rules of these connections or of this person (the memory form of the cascade).
    func remove(connectionIDs: Set<Int64> = [], userID: String? = nil) {
        rows.removeAll { connectionIDs.contains($0.rule.connectionID) || $0.userID == userID }
    }

    func autoRules(author: String?, appID: String) async throws -> [(userID: String, rule: ShareRule)] {
        rows.filter { row in
            row.rule.enabled && row.rule.mode == .auto && (author.map { row.userID == $0 } ?? row.rule.sourceApps.contains(appID))
        }
    }
}

extension ShareRule {
    /// A rule from validated input (`ShareRuleInput.problems` refuses unknown modes and tag
    /// matches), with defaults for what was omitted.
    init(input: ShareRuleInput, id: Int64, createdAt: Date, updatedAt: Date) {
        self.init(
            id: id, connectionID: input.connectionID ?? 0, mode: input.mode.flatMap(Mode.init(rawValue:)) ?? .oneClick,
            contentTypes: input.contentTypes ?? [], sourceApps: input.sourceApps ?? [], tags: input.tags ?? [],
            tagsMatch: input.tagsMatch.flatMap(TagsMatch.init(rawValue:)) ?? .any, delaySeconds: input.delaySeconds ?? 0,
            messageTemplate: input.messageTemplate ?? "{title}", enabled: input.enabled ?? true, createdAt: createdAt, updatedAt: updatedAt)
    }
}
