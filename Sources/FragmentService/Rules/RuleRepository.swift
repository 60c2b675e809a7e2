/// Share rules, scoped to their owner: another user's rule id behaves as if it did not exist.
protocol RuleRepository: Sendable {
    func rules(userID: String) async throws -> [ShareRule]
    func rule(id: Int64, userID: String) async throws -> ShareRule?
    /// Stores a validated input (defaults applied) as a new rule or over an existing one.
    func save(_ input: ShareRuleInput, id: Int64?, userID: String) async throws -> ShareRule?
    func delete(id: Int64, userID: String) async throws -> Bool
    /// Enabled auto rules of every user, for matching publish events.
    func enabledAutoRules() async throws -> [(userID: String, rule: ShareRule)]
}
