import Foundation
import Hummingbird

/// Sends visitors who are not signed in to the sign-in page, remembering where they were going.
struct RequireSignInMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard context.session?.userID != nil else {
            let back = LocalPath.sanitize(request.method == .get ? request.uri.string : nil)
            let query = back.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "%2Fsocial%2F"
            return Response(status: .seeOther, headers: [.location: "/auth/login?next=\(query)"])
        }
        return try await next(request, context)
    }
}
