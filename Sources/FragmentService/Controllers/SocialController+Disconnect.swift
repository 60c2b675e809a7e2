import Foundation
import Hummingbird
import Platforms

extension SocialController {
    @Sendable func confirmDisconnect(_ request: Request, context: SignedInContext) async throws -> HTMLPage {
        let connection = try await ownConnection(context)
        let model = DisconnectModel(
            layout: try await layout(context, title: "Disconnect"), id: connection.id, platformName: connection.platform.displayName,
            accountName: connection.displayName ?? connection.username ?? connection.platformUserID)
        return HTMLPage(html: try views.render(model, template: "disconnect_confirm"))
    }

    /// Soft-deletes the connection (tokens wiped, history kept), then revokes at the platform on
    /// a best-effort basis: a platform error never blocks the disconnect.
    @Sendable func disconnect(_ request: Request, context: SignedInContext) async throws -> Response {
        let connection = try await ownConnection(context)
        guard let removed = try await connections.disconnect(id: connection.id, userID: context.userID) else {
            throw RequestError.notFound("That account is not connected.")
        }
        if let platform = registry.platform(removed.platform), let credentials = removed.credentials {
            do {
                try await platform.revoke(credentials)
            } catch {
                context.logger.warning(
                    "revoking at the platform failed; the connection is disconnected here",
                    metadata: ["platform": "\(removed.platform.rawValue)", "error": "\(error.description)"])
            }
        }
        return Self.back(.disconnected, removed.platform)
    }

    private func ownConnection(_ context: SignedInContext) async throws -> SocialConnection {
        guard let text = context.parameters.get("id"), let id = Int64(text),
            let connection = try await connections.connection(id: id, userID: context.userID)
        else { throw RequestError.notFound("That account is not connected.") }
        return connection
    }
}
