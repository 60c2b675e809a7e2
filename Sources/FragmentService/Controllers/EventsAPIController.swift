import Hummingbird

/// `GET /api/v1/events`: the caller's recent publish events (those naming them as author) and the
/// state of each: received, resolved (with the content record) or failed (with why).
struct EventsAPIController<Events: PublishEventRepository>: Sendable {
    let events: Events

    func addRoutes(to group: RouterGroup<APIContext>) {
        group.get("events", use: list)
    }

    struct Listing: Encodable {
        var events: [PublishEvent]
    }

    @Sendable func list(_ request: Request, context: APIContext) async throws -> Response {
        let limitText = request.queryFields["limit"]
        let limit = limitText.map { Int($0) ?? -1 } ?? 50
        guard (1...200).contains(limit) else { throw HTTPError(.badRequest, message: "limit must be a number from 1 to 200.") }
        return try JSONResponse.make(Listing(events: try await events.recent(author: context.userID, limit: limit)))
    }
}
