import Hummingbird

/// `GET /api/v1/me`: who the Bearer token names. The first JSON surface; rules and events join it.
struct AccountAPIController<Users: UserRepository>: Sendable {
    let users: Users

    func addRoutes(to group: RouterGroup<APIContext>) {
        group.get("me", use: me)
    }

    @Sendable func me(_ request: Request, context: APIContext) async throws -> User {
        guard let user = try await users.find(id: context.userID) else {
            throw RequestError.notFound("No such user.")
        }
        return user
    }
}

extension User: ResponseEncodable {}
