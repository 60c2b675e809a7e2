import Foundation
import Hummingbird

/// Sign-in for browsers: the handoff from the account service, the development login, sign-out.
/// This service stores no passwords; identity always comes from the host platform.
struct AuthController<Users: UserRepository, Ledger: HandoffLedger>: Sendable {
    /// People offered on the development login page.
    static var demoUsers: [DevLoginModel.DemoUser] {
        [
            .init(id: "demo-ada", name: "Ada Lovelace"),
            .init(id: "demo-grace", name: "Grace Hopper"),
            .init(id: "demo-alan", name: "Alan Turing"),
        ]
    }

    let users: Users
    let ledger: Ledger
    let verifier: IdentityVerifier
    let sessions: SessionMiddleware
    let views: Views
    let devLogin: Bool

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("login", use: loginPage)
        group.post("dev-login", use: devLoginSubmit)
        group.get("handoff", use: handoff)
        group.post("logout", use: logout)
    }

    @Sendable func loginPage(_ request: Request, context: AppRequestContext) async throws -> HTMLPage {
        let next = LocalPath.sanitize(request.uri.queryParameters["next"].map(String.init))
        let model = DevLoginModel(
            layout: .visitor(title: "Sign in", csrf: context.session?.csrf ?? ""),
            devLogin: devLogin, next: next, users: Self.demoUsers)
        return HTMLPage(html: try views.render(model, template: "login"))
    }

    @Sendable func devLoginSubmit(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard devLogin else { throw HTTPError(.notFound, message: "The development login is switched off (SOCIAL_DEV_LOGIN).") }
        var request = request
        let form = FormFields(String(buffer: try await request.collectBody(upTo: context.maxUploadSize)))
        let id = (form["user_id"] ?? "").trimmingCharacters(in: .whitespaces)
        guard UserID.isValid(id) else {
            throw HTTPError(.badRequest, message: "Choose a demo user, or type an id of 1–128 characters without spaces.")
        }
        let name = Self.demoUsers.first { $0.id == id }?.name ?? form["display_name"].flatMap { $0.isEmpty ? nil : String($0.prefix(120)) }
        _ = try await users.upsert(id: id, displayName: name)
        return signIn(userID: id, next: form["next"])
    }

    @Sendable func handoff(_ request: Request, context: AppRequestContext) async throws -> Response {
        let token = request.uri.queryParameters["token"].map(String.init) ?? ""
        let claims: IdentityClaims
        do {
            claims = try await verifier.verify(token)
        } catch {
            throw HTTPError(.unauthorized, message: error.description)
        }
        guard try await ledger.consume(jti: claims.jti.value, userID: claims.sub.value, expiresAt: claims.exp.value) else {
            throw HTTPError(.unauthorized, message: IdentityError.replayed.description)
        }
        _ = try await users.upsert(id: claims.sub.value, displayName: claims.name)
        return signIn(userID: claims.sub.value, next: request.uri.queryParameters["next"].map(String.init))
    }

    @Sendable func logout(_ request: Request, context: AppRequestContext) async throws -> Response {
        var response = Response(status: .seeOther, headers: [.location: "/auth/login"])
        response.setCookie(sessions.expiredCookie())
        return response
    }

    /// Starts a new session (fresh CSRF token) and returns to a local path.
    private func signIn(userID: String, next: String?) -> Response {
        var response = Response(status: .seeOther, headers: [.location: LocalPath.sanitize(next)])
        response.setCookie(sessions.cookie(for: .signedIn(userID: userID)))
        return response
    }
}
