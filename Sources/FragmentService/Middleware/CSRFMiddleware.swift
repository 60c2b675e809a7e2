import Foundation
import HTTPTypes
import Hummingbird
import SocialCore

/// Every state-changing browser request must carry the session's CSRF token, in the `_csrf` form
/// field or the `X-CSRF-Token` header (for in-page requests), and must not come from another
/// origin. Runs after `SessionMiddleware`.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    static let fieldName = "_csrf"
    /// The service's own origin, e.g. `http://127.0.0.1:8080`.
    let origin: String

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard [.post, .put, .patch, .delete].contains(request.method) else { return try await next(request, context) }
        if let sent = request.headers[.origin], sent != "null", sent != origin {
            throw RequestError.forbidden("This form was sent from another site and was refused.")
        }
        var request = request
        let expected = context.session?.csrf ?? ""
        var presented = request.headers[values: HTTPField.Name("X-CSRF-Token")!].first
        if presented == nil {
            let body = try await request.collectBody(upTo: context.maxUploadSize)
            presented = FormFields(String(buffer: body))[Self.fieldName]
        }
        guard let token = presented, !expected.isEmpty, constantTimeEquals(Array(token.utf8), Array(expected.utf8)) else {
            throw RequestError.forbidden("This form has expired or did not come from this site. Reload the page and try again.")
        }
        return try await next(request, context)
    }
}
