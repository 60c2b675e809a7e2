import Hummingbird
import SocialCore

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
        guard let limit = limitText == nil ? 50 : BoundedNumber.int(limitText, in: 1...200) else {
            throw RequestError.invalid("limit must be a number from 1 to 200.")
        }
        return try JSONResponse.make(Listing(events: try await events.recent(author: context.userID, limit: limit)))
    }
}
