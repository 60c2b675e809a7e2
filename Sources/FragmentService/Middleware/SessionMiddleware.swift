import Foundation
import Hummingbird

/// Reads the session cookie of browser routes and asks the session store who it belongs to. A
/// visitor without a valid cookie gets a new anonymous session (so forms carry a CSRF token
/// before sign-in), sent back as a cookie; anonymous sessions are not stored. Signing in always
/// starts a new session id, and signing out deletes the stored session, so a copied cookie stops
/// working at once.
struct SessionMiddleware<Sessions: SessionRepository>: RouterMiddleware {
    typealias Context = AppRequestContext
    let codec: SessionCodec
    let sessions: Sessions
    let secureCookies: Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let value = request.cookies[SessionCodec.cookieName]?.value, var session = codec.session(fromCookie: value) {
            session.userID = try await sessions.userID(idHash: SessionCodec.hash(session.id), now: Date())
            context.session = session
        } else {
            context.session = codec.newSession()
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

    /// Starts a stored session for `userID` (a new id, hence a new CSRF token) and returns its cookie.
    func signIn(userID: String, now: Date = Date()) async throws -> Cookie {
        let session = codec.newSession(userID: userID)
        try await sessions.create(
            idHash: SessionCodec.hash(session.id), userID: userID, expiresAt: now.addingTimeInterval(Session.lifetime), now: now)
        return cookie(for: session)
    }

    /// Ends `session` in the store; returns the cookie that removes it from the browser.
    func signOut(_ session: Session?) async throws -> Cookie {
        if let session { try await sessions.delete(idHash: SessionCodec.hash(session.id)) }
        return expiredCookie()
    }

    /// Ends every session of `userID`, on every device; returns the cookie that removes this one.
    func signOutEverywhere(userID: String) async throws -> Cookie {
        try await sessions.deleteAll(userID: userID)
        return expiredCookie()
    }

    /// The cookie that carries `session`: HttpOnly, SameSite=Lax, Secure behind https.
    private func cookie(for session: Session) -> Cookie {
        Cookie(
            name: SessionCodec.cookieName, value: codec.encode(session.id), maxAge: Int(Session.lifetime), path: "/",
            secure: secureCookies, httpOnly: true, sameSite: .lax)
    }

    /// A cookie that removes the session.
    private func expiredCookie() -> Cookie {
        Cookie(name: SessionCodec.cookieName, value: "", maxAge: 0, path: "/", secure: secureCookies, httpOnly: true, sameSite: .lax)
    }
}
