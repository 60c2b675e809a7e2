import Hummingbird

/// Verifies `Authorization: Bearer <token>` on JSON routes with the same checks as the browser
/// handoff (signature, expiry, issuer, audience), creating the user row on first sight.
struct BearerAuthMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let verifier: IdentityVerifier
    let users: any UserRepository

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") else {
            throw RequestError.unauthenticated("A Bearer token from the Rose Ash account service is required.", challenge: "Bearer")
        }
        let claims: IdentityClaims
        do {
            claims = try await verifier.verify(String(header.dropFirst(7)))
        } catch {
            throw RequestError.unauthenticated(error.description, challenge: "Bearer error=\"invalid_token\"")
        }
        _ = try await users.upsert(id: claims.sub.value, displayName: claims.name)
        var context = context
        context.apiUserID = claims.sub.value
        return try await next(request, context)
    }
}
