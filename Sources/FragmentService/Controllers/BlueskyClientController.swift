import Foundation
import Hummingbird
import Platforms

/// The documents that make this deployment a Bluesky OAuth client (docs/platforms/bluesky.md,
/// "Client metadata"): `GET /social/bluesky/client-metadata.json` — its URL is the `client_id` —
/// and `GET /social/bluesky/jwks.json`, the public key its client assertions are checked with.
/// Public and unauthenticated: Bluesky's servers fetch them. 404 when this deployment has no
/// confidential Bluesky client (no key, or the development localhost client).
struct BlueskyClientController: Sendable {
    let registry: PlatformRegistry
    /// `SOCIAL_APP_NAME`, shown on Bluesky's consent page.
    let clientName: String

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("client-metadata.json", use: metadata)
        group.get("jwks.json", use: jwks)
    }

    @Sendable func metadata(_ request: Request, context: AppRequestContext) throws -> Response {
        try Self.document(client?.metadataDocument(clientName: clientName))
    }

    @Sendable func jwks(_ request: Request, context: AppRequestContext) throws -> Response {
        try Self.document(client?.jwksDocument())
    }

    private var client: BlueskyClient? { (registry.platform(.bluesky) as? BlueskyPlatform)?.client }

    private static func document(_ data: Data?) throws -> Response {
        guard let data else { throw RequestError.notFound("This deployment has no Bluesky OAuth client documents.") }
        // Servers may cache them a little; a new key is picked up within minutes.
        return Response(
            status: .ok, headers: [.contentType: "application/json", .cacheControl: "public, max-age=300"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
