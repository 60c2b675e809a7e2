import Foundation
import Hummingbird
import Platforms

/// `/api/v1/rules`: a person's share rules as JSON (described in `openapi/rules.json`).
/// Validation errors are 422 with a message per field; other people's rules and connections
/// are invisible (404 / a field error), never revealed.
struct RulesAPIController<Rules: RuleRepository, Connections: ConnectionRepository>: Sendable {
    let rules: Rules
    let connections: Connections
    let registry: PlatformRegistry

    func addRoutes(to group: RouterGroup<APIContext>) {
        group.get("rules", use: list)
        group.post("rules", use: create)
        group.get("rules/:id", use: show)
        group.put("rules/:id", use: update)
        group.delete("rules/:id", use: delete)
    }

    struct Listing: Encodable { var rules: [ShareRule] }
    struct Invalid: Encodable {
        var error = "The rule was not saved; see fields."
        var fields: [String: String]
    }

    @Sendable func list(_ request: Request, context: APIContext) async throws -> Response {
        try JSONResponse.make(Listing(rules: try await rules.rules(userID: context.userID)))
    }

    @Sendable func show(_ request: Request, context: APIContext) async throws -> Response {
        try JSONResponse.make(try await own(context))
    }

    @Sendable func create(_ request: Request, context: APIContext) async throws -> Response {
        try await save(request, context: context, id: nil)
    }

    @Sendable func update(_ request: Request, context: APIContext) async throws -> Response {
        let existing = try await own(context)
        return try await save(request, context: context, id: existing.id)
    }

    @Sendable func delete(_ request: Request, context: APIContext) async throws -> Response {
        let existing = try await own(context)
        _ = try await rules.delete(id: existing.id, userID: context.userID)
        return Response(status: .noContent)
    }

    private func save(_ request: Request, context: APIContext, id: Int64?) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: 64 * 1024)
        let input: ShareRuleInput
        do {
            input = try JSONInput.decode(ShareRuleInput.self, from: body)
        } catch let problem as JSONInput.Problem {
            // A field of the wrong type is reported like the rule's other field problems.
            guard case .wrongType(let path) = problem.kind else { throw problem }
            return try JSONResponse.make(Invalid(fields: [path.first ?? "body": "has the wrong type"]), status: .unprocessableContent)
        }
        let problems = try await RuleValidator(connections: connections, registry: registry).problems(input, userID: context.userID)
        guard problems.isEmpty else { return try JSONResponse.make(Invalid(fields: problems), status: .unprocessableContent) }
        guard let saved = try await rules.save(input, id: id, userID: context.userID) else {
            throw RequestError.notFound("No such rule.")
        }
        return try JSONResponse.make(saved, status: id == nil ? .created : .ok)
    }

    private func own(_ context: APIContext) async throws -> ShareRule {
        guard let text = context.parameters.get("id"), let id = Int64(text), let rule = try await rules.rule(id: id, userID: context.userID) else {
            throw RequestError.notFound("No such rule.")
        }
        return rule
    }
}
