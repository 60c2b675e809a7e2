/// Share rules, scoped to their owner: another user's rule id behaves as if it did not exist.
protocol RuleRepository: Sendable {
    func rules(userID: String) async throws -> [ShareRule]
    func rule(id: Int64, userID: String) async throws -> ShareRule?
    /// Stores a validated input (defaults applied) as a new rule or over an existing one.
    func save(_ input: ShareRuleInput, id: Int64?, userID: String) async throws -> ShareRule?
    func delete(id: Int64, userID: String) async throws -> Bool
    /// The enabled auto rules that may fire for an event of `appID`: those of its author, or for
    /// an event without one (a polled feed), those that name the app among their sources. Their
    /// content-type and tag conditions are left to `ShareRule.matches`.
    func autoRules(author: String?, appID: String) async throws -> [(userID: String, rule: ShareRule)]
}
