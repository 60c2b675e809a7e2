import Foundation
import Hummingbird
import Platforms

/// The account service's lifecycle API (README.md, "Account lifecycle API"), behind
/// `ServiceTokenMiddleware`: `DELETE /api/v1/users/{id}` revokes each connection at its platform
/// (best effort) and then deletes everything of the person in one transaction, answering 204 every
/// time — a second call finds nothing and answers the same; `GET /api/v1/users/{id}/export` is
/// everything stored about them without a secret.
struct AccountLifecycleController<
    Users: UserRepository, Accounts: AccountDataRepository, Connections: ConnectionRepository, Shares: ShareRepository,
    Rules: RuleRepository, Jobs: AutoShareRepository, Events: PublishEventRepository
>: Sendable {
    /// The most entries of each kind an export lists.
    static var exportLimit: Int { 100_000 }

    let users: Users
    let accounts: Accounts
    let connections: Connections
    let shares: Shares
    let rules: Rules
    let jobs: Jobs
    let events: Events
    let registry: PlatformRegistry

    /// Mounted on `/api/v1/users`.
    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.delete(":user", use: delete)
        group.get(":user/export", use: export)
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let userID = try Self.userID(context)
        let live = try await connections.connections(userID: userID)
        // Revoke first, side by side; a platform that fails or is not configured is logged (never
        // with a token) and does not stop the deletion.
        let failures = await withTaskGroup(of: Bool.self) { group in
            for connection in live {
                guard let credentials = connection.credentials else { continue }
                guard let platform = registry.platform(connection.platform) else {
                    context.logger.warning(
                        "account deletion: platform not configured, token not revoked there",
                        metadata: ["platform": "\(connection.platform.rawValue)", "connection": "\(connection.id)"])
                    continue
                }
                group.addTask {
                    do throws(PlatformError) {
                        try await platform.revoke(credentials)
                        return true
                    } catch {
                        context.logger.warning(
                            "account deletion: revoking at the platform failed; the connection is deleted here anyway",
                            metadata: [
                                "platform": "\(connection.platform.rawValue)", "connection": "\(connection.id)", "error": "\(error.description)",
                            ])
                        return false
                    }
                }
            }
            return await group.reduce(0) { $0 + ($1 ? 0 : 1) }
        }
        try await accounts.deleteAccount(userID: userID)
        context.logger.notice(
            "account deleted", metadata: ["connections": "\(live.count)", "revocation_failures": "\(failures)"])
        return Response(status: .noContent)
    }

    @Sendable func export(_ request: Request, context: AppRequestContext) async throws -> Response {
        let userID = try Self.userID(context)
        guard let user = try await users.find(id: userID) else {
            throw RequestError.notFound("This service holds nothing about that user.")
        }
        let limit = Self.exportLimit
        let export = AccountExport(
            exportedAt: Date(), user: user, connections: try await accounts.connectionSummaries(userID: userID),
            shares: try await shares.history(userID: userID, limit: limit, offset: 0).reversed().map(ExportedShare.init),
            rules: Array(try await rules.rules(userID: userID).prefix(limit)),
            autoShares: try await jobs.jobs(userID: userID, limit: limit).reversed(),
            publishEvents: try await events.recent(author: userID, limit: limit).reversed())
        return try JSONResponse.make(export)
    }

    /// The path's user id, as the `users` table allows it (1–128 characters).
    private static func userID(_ context: AppRequestContext) throws -> String {
        guard let id = context.parameters.get("user"), (1...128).contains(id.count) else {
            throw RequestError.invalid("The user id must be 1 to 128 characters.")
        }
        return id
    }
}
