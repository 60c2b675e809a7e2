import Foundation
import Hummingbird

/// Sign-in for browsers: the handoff from the account service, the development login, sign-out
/// (of this browser or everywhere). This service stores no passwords; identity always comes
/// from the host platform.
struct AuthController<Users: UserRepository, Ledger: HandoffLedger, Sessions: SessionRepository>: Sendable {
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
    let sessions: SessionMiddleware<Sessions>
    let views: Views
    let devLogin: Bool

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("login", use: loginPage)
        group.post("dev-login", use: devLoginSubmit)
        group.get("handoff", use: handoff)
        group.post("handoff", use: confirmHandoff)
        group.post("logout", use: logout)
        group.post("logout-everywhere", use: logoutEverywhere)
    }

    @Sendable func loginPage(_ request: Request, context: AppRequestContext) async throws -> HTMLPage {
        let next = LocalPath.sanitize(request.queryFields["next"])
        let model = DevLoginModel(
            layout: .visitor(title: "Sign in", csrf: context.session?.csrf ?? ""),
            devLogin: devLogin, next: next, users: Self.demoUsers)
        return HTMLPage(html: try views.render(model, template: "login"))
    }

    @Sendable func devLoginSubmit(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard devLogin else { throw RequestError.notFound("The development login is switched off (SOCIAL_DEV_LOGIN).") }
        var request = request
        let form = FormFields(String(buffer: try await request.collectBody(upTo: context.maxUploadSize)))
        let id = (form["user_id"] ?? "").trimmingCharacters(in: .whitespaces)
        guard UserID.isValid(id) else {
            throw RequestError.invalid("Choose a demo user, or type an id of 1–128 characters without spaces.")
        }
        let name = Self.demoUsers.first { $0.id == id }?.name ?? form["display_name"].flatMap { $0.isEmpty ? nil : String($0.prefix(120)) }
        _ = try await users.upsert(id: id, displayName: name)
        return try await signIn(userID: id, replacing: context.session, next: form["next"])
    }

    /// The link from the account service. A visitor is signed in at once and the person already
    /// signed in just continues; a browser signed in as someone else is asked first, so a link
    /// planted by another site cannot silently swap the session (login CSRF).
    @Sendable func handoff(_ request: Request, context: AppRequestContext) async throws -> Response {
        let token = request.queryFields["token"] ?? ""
        let next = request.queryFields["next"]
        let claims = try await verified(token)
        if let current = context.session?.userID, current != claims.sub.value {
            let currentUser = try await users.find(id: current)
            let model = HandoffConfirmModel(
                layout: .visitor(title: "Switch account?", csrf: context.session?.csrf ?? ""),
                currentName: currentUser?.displayName ?? current, newName: claims.name ?? claims.sub.value,
                token: token, next: LocalPath.sanitize(next))
            return try HTMLPage(html: try views.render(model, template: "handoff_confirm")).response(from: request, context: context)
        }
        try await consume(claims)
        if context.session?.userID == claims.sub.value {
            return Response(status: .seeOther, headers: [.location: LocalPath.sanitize(next)])
        }
        return try await signIn(userID: claims.sub.value, replacing: context.session, next: next)
    }

    /// The confirmation form of `handoff` (CSRF-checked like every form).
    @Sendable func confirmHandoff(_ request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let form = FormFields(String(buffer: try await request.collectBody(upTo: context.maxUploadSize)))
        let claims = try await verified(form["token"] ?? "")
        try await consume(claims)
        return try await signIn(userID: claims.sub.value, replacing: context.session, next: form["next"])
    }

    @Sendable func logout(_ request: Request, context: AppRequestContext) async throws -> Response {
        var response = Response(status: .seeOther, headers: [.location: "/auth/login"])
        response.setCookie(try await sessions.signOut(context.session))
        return response
    }

    /// Ends every session of the signed-in person, on every browser and device.
    @Sendable func logoutEverywhere(_ request: Request, context: AppRequestContext) async throws -> Response {
        var response = Response(status: .seeOther, headers: [.location: "/auth/login"])
        if let userID = context.session?.userID {
            response.setCookie(try await sessions.signOutEverywhere(userID: userID))
        } else {
            response.setCookie(try await sessions.signOut(context.session))
        }
        return response
    }

    private func verified(_ token: String) async throws -> IdentityClaims {
        try await verifier.verify(token)
    }

    /// Records the token's `jti`: each handoff link signs in once.
    private func consume(_ claims: IdentityClaims) async throws {
        guard try await ledger.consume(jti: claims.jti.value, userID: claims.sub.value, expiresAt: claims.exp.value) else {
            throw RequestError.unauthenticated(IdentityError.replayed.description)
        }
        _ = try await users.upsert(id: claims.sub.value, displayName: claims.name)
    }

    /// Ends the browser's previous session, starts a new one (new id, new CSRF token) and
    /// returns to a local path.
    private func signIn(userID: String, replacing previous: Session?, next: String?) async throws -> Response {
        if previous?.userID != nil { _ = try await sessions.signOut(previous) }
        var response = Response(status: .seeOther, headers: [.location: LocalPath.sanitize(next)])
        response.setCookie(try await sessions.signIn(userID: userID))
        return response
    }
}
