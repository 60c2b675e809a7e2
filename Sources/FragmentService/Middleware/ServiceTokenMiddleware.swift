import Crypto
import Foundation
import Hummingbird
import SocialCore

/// Lets a request through only with `Authorization: Bearer <SOCIAL_ACCOUNT_SERVICE_TOKEN>`: the
/// account service calling the lifecycle API. Both sides are hashed before the constant-time
/// comparison, so neither the token's bytes nor its length show in the timing. It is a separate
/// credential from the people's Bearer tokens (`BearerAuthMiddleware`), which it never accepts.
struct ServiceTokenMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    private let expected: [UInt8]

    init(token: String) {
        expected = Array(SHA256.hash(data: Data(token.utf8)))
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let header = request.headers[.authorization] ?? ""
        guard header.lowercased().hasPrefix("bearer ") else {
            throw RequestError.unauthenticated("The account service's Bearer token is required.", challenge: "Bearer")
        }
        let presented = Array(SHA256.hash(data: Data(header.dropFirst(7).utf8)))
        guard constantTimeEquals(presented, expected) else {
            throw RequestError.unauthenticated("The Bearer token is not the account service's token.", challenge: "Bearer error=\"invalid_token\"")
        }
        return try await next(request, context)
    }
}
