import Foundation
import Hummingbird

/// Reads the signed session cookie of browser routes; a visitor without one gets an anonymous
/// session (so forms carry a CSRF token before sign-in), sent back as a cookie.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let codec: SessionCodec
    let secureCookies: Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let value = request.cookies[SessionCodec.cookieName]?.value, let session = codec.decode(value) {
            context.session = session
        } else {
            context.session = .anonymous()
            context.sessionIsNew = true
        }
        var response = try await next(request, context)
        if context.sessionIsNew, let session = context.session,
            !response.headers[values: .setCookie].contains(where: { $0.hasPrefix(SessionCodec.cookieName + "=") })
        {
            response.setCookie(cookie(for: session))
        }
        return response
    }

    /// The cookie that carries `session`: HttpOnly, SameSite=Lax, Secure behind https.
    func cookie(for session: Session) -> Cookie {
        Cookie(
            name: SessionCodec.cookieName, value: codec.encode(session), maxAge: Int(Session.lifetime), path: "/",
            secure: secureCookies, httpOnly: true, sameSite: .lax)
    }

    /// A cookie that removes the session.
    func expiredCookie() -> Cookie {
        Cookie(name: SessionCodec.cookieName, value: "", maxAge: 0, path: "/", secure: secureCookies, httpOnly: true, sameSite: .lax)
    }
}
