import Hummingbird

/// `GET /api/v1/auto-shares`: the caller's automatic shares and how each went (waiting, waiting
/// for a reconnect with the reason, or done with its outcome and share id).
struct AutoSharesAPIController<Jobs: AutoShareRepository>: Sendable {
    let jobs: Jobs

    func addRoutes(to group: RouterGroup<APIContext>) {
        group.get("auto-shares", use: list)
    }

    struct Listing: Encodable { var autoShares: [AutoShareJob]; enum CodingKeys: String, CodingKey { case autoShares = "auto_shares" } }

    @Sendable func list(_ request: Request, context: APIContext) async throws -> Response {
        try JSONResponse.make(Listing(autoShares: try await jobs.jobs(userID: context.userID, limit: 100)))
    }
}
