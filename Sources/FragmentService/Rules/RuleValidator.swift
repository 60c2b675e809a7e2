import Platforms

/// The checks a rule passes before it is saved, shared by the JSON API and the rules page:
/// field rules, the connection being the person's own, and the template fitting the platform.
struct RuleValidator<Connections: ConnectionRepository>: Sendable {
    let connections: Connections
    let registry: PlatformRegistry

    /// Field-by-field problems; empty when the rule can be saved for `userID`.
    func problems(_ input: ShareRuleInput, userID: String) async throws -> [String: String] {
        var problems = input.problems()
        guard let connectionID = input.connectionID else { return problems }
        guard let connection = try await connections.connection(id: connectionID, userID: userID) else {
            problems["connection_id"] = "is not one of your connected accounts"
            return problems
        }
        if problems["message_template"] == nil,
            let problem = await templateProblem(input.messageTemplate ?? MessageTemplate.defaultTemplate, for: connection)
        {
            problems["message_template"] = problem
        }
        return problems
    }

    /// The template alone, before any title or description, must fit the platform's limit.
    private func templateProblem(_ template: String, for connection: SocialConnection) async -> String? {
        guard let platform = registry.platform(connection.platform) else { return nil }
        let url = "https://example.com/post"
        let message = MessageTemplate.render(template, title: "", url: url, description: "", tags: [])
        let text = platform.postText(for: ShareContent(url: url, title: "", message: message.isEmpty ? nil : message, idempotencyKey: "check"))
        let rules = await platform.textRules(for: connection.credentials)
        let length = rules.count(text)
        return length > rules.limit
            ? "is \(length) characters on \(connection.platform.displayName) before the content is added; the limit is \(rules.limit)" : nil
    }
}
