import Foundation
import Hummingbird
import Platforms

/// Sends visitors who are not signed in to the sign-in page, remembering where they were going.
struct RequireSignInMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard context.session?.userID != nil else {
            let back = LocalPath.sanitize(request.method == .get ? request.uri.string : nil)
            // The one query encoder (`FormEncoding`): every byte outside RFC 3986 unreserved.
            return Response(status: .seeOther, headers: [.location: "/auth/login?next=\(FormEncoding.escape(back))"])
        }
        return try await next(request, context)
    }
}
