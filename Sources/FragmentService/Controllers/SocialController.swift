import Foundation
import Hummingbird
import Platforms
import SocialCore

/// The pages a person uses to manage accounts: the social panel, connect, callback,
/// choosing among several offered accounts, and disconnect with a confirmation step.
struct SocialController<Users: UserRepository, Connections: ConnectionRepository, States: OAuthStateStore>: Sendable {
    let users: Users
    let connections: Connections
    let states: States
    let registry: PlatformRegistry
    let views: Views
    /// `PUBLIC_BASE_URL`, for redirect URIs.
    let publicBaseURL: URL
    /// Browser redirects to platforms go through the same sandbox rule as API calls.
    let sandbox: SandboxRoute

    func addRoutes(to group: RouterGroup<SignedInContext>) {
        group.get("/", use: panel)
        group.get("connect/:platform/", use: connectPage)
        group.post("connect/:platform/", use: connect)
        group.post("connect/:platform/app-password/", use: appPassword)
        group.get("callback/:platform/", use: callback)
        group.get("connect/:platform/choose/:pending/", use: choose)
        group.post("connect/:platform/choose/:pending/", use: chosen)
        group.get("disconnect/:id/", use: confirmDisconnect)
        group.post("disconnect/:id/", use: disconnect)
    }

    // MARK: panel

    @Sendable func panel(_ request: Request, context: SignedInContext) async throws -> HTMLPage {
        let params = request.queryFields
        let platform = params["platform"].flatMap { PlatformName(rawValue: String($0)) }
        let notice = params["notice"].flatMap { SocialNotice(rawValue: String($0)) }?.text(platform: platform)
        return try await renderPanel(context: context, notice: notice)
    }

    func renderPanel(context: SignedInContext, notice: SocialPageModel.Notice?, status: HTTPResponse.Status = .ok) async throws -> HTMLPage {
        let accounts = try await connections.connections(userID: context.userID)
        let now = Date()
        let cards = PlatformName.allCases.map { name in
            let mine = accounts.filter { $0.platform == name }
            return SocialPageModel.Card(
                platform: name.rawValue, displayName: name.displayName, iconClass: name.iconClass,
                available: registry.platform(name) != nil, needs: registry.unavailableReason(name), asksForServer: name.asksForServer,
                asksForHandle: name.asksForHandle,
                connectHref: "/social/connect/\(name.rawValue)/", accounts: mine.map { SocialPageModel.Account($0, now: now) },
                hasAccounts: !mine.isEmpty)
        }
        let model = SocialPageModel(layout: try await layout(context, title: "Social accounts"), notice: notice, cards: cards)
        return HTMLPage(html: try views.render(model, template: "social"), status: status)
    }

    func layout(_ context: SignedInContext, title: String) async throws -> LayoutModel {
        let user = try await users.find(id: context.userID)
        return .signedIn(title: title, userName: user?.displayName ?? context.userID, csrf: context.session.csrf, current: "/social/")
    }

    // MARK: connect

    /// A link to a connect URL (a Reconnect link, a bookmark, another site) only shows the step:
    /// starting an authorisation is a form with this session's CSRF token, so no cross-site link
    /// can attach an account or a Mastodon server of someone else's choosing.
    @Sendable func connectPage(_ request: Request, context: SignedInContext) async throws -> Response {
        let name = try platformName(context)
        guard registry.platform(name) != nil else { throw unavailable(name) }
        let params = request.queryFields
        let next = LocalPath.sanitize(params["next"])
        if name.asksForServer {
            let typed = params["instance"] ?? ""
            return try await mastodonForm(context: context, typed: typed, next: next, error: nil).response(from: request, context: context)
        }
        if name.asksForHandle {
            let typed = String((params["handle"] ?? "").prefix(Self.handleLimit))
            return try await blueskyForm(context: context, handle: typed, next: next, error: nil).response(from: request, context: context)
        }
        let model = ConnectPageModel(
            layout: try await layout(context, title: "Connect \(name.displayName)"), platform: name.rawValue, displayName: name.displayName,
            iconClass: name.iconClass, next: next)
        return try HTMLPage(html: try views.render(model, template: "connect")).response(from: request, context: context)
    }

    /// Starts an authorisation (the CSRF middleware has checked the form's token).
    @Sendable func connect(_ request: Request, context: SignedInContext) async throws -> Response {
        let name = try platformName(context)
        guard let platform = registry.platform(name) else { throw unavailable(name) }
        var request = request
        let form = FormFields(String(buffer: try await request.collectBody(upTo: context.maxUploadSize)))
        let next = LocalPath.sanitize(form["next"])
        var instance: URL?
        var hint: String?
        if name.asksForHandle {
            let typed = (form["handle"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard !typed.isEmpty, typed.utf8.count <= Self.handleLimit, let bluesky = platform as? BlueskyPlatform else {
                let error = typed.isEmpty ? nil : "That is not a handle: Bluesky handles look like you.bsky.social."
                return try await blueskyForm(context: context, handle: "", next: next, error: error, status: error == nil ? .ok : .badRequest)
                    .response(from: request, context: context)
            }
            do {
                instance = try await bluesky.prepareAuthorization(hint: typed)
                hint = typed
            } catch {
                return try await blueskyForm(
                    context: context, handle: typed, next: next, error: error.description, status: ErrorMapping.status(for: error)
                )
                .response(from: request, context: context)
            }
        }
        if name.asksForServer {
            let typed = form["instance"] ?? ""
            guard !typed.trimmingCharacters(in: .whitespaces).isEmpty else {
                return try await mastodonForm(context: context, typed: "", next: next, error: nil).response(from: request, context: context)
            }
            do {
                instance = try MastodonInstance.normalize(typed)
            } catch {
                return try await mastodonForm(
                    context: context, typed: typed, next: next, error: error.description, status: ErrorMapping.status(for: error)
                )
                .response(from: request, context: context)
            }
        }
        let state = OAuthState(
            nonce: RandomToken.make(), userID: context.userID, platform: name,
            codeVerifier: platform.usesPKCE ? RandomToken.make(bytes: 48) : nil, instanceURL: instance,
            returnTo: next, expiresAt: Date().addingTimeInterval(OAuthState.lifetime))
        let url: URL
        do {
            url = try await platform.authorizeURL(for: connectRequest(name, state, accountHint: hint))
        } catch {
            if name.asksForHandle {
                return try await blueskyForm(
                    context: context, handle: hint ?? "", next: next, error: error.description, status: ErrorMapping.status(for: error)
                )
                .response(from: request, context: context)
            }
            if name.asksForServer {
                return try await mastodonForm(
                    context: context, typed: instance?.host ?? "", next: next, error: error.description, status: ErrorMapping.status(for: error)
                )
                .response(from: request, context: context)
            }
            throw error
        }
        try await states.save(state)
        return Response(status: .seeOther, headers: [.location: sandbox.rewrite(url).absoluteString])
    }

    private func unavailable(_ name: PlatformName) -> RequestError {
        .notFound("\(name.displayName) is not available here: it needs \(registry.unavailableReason(name) ?? "configuration").")
    }

    private func mastodonForm(
        context: SignedInContext, typed: String, next: String, error: String?, status: HTTPResponse.Status = .ok
    ) async throws -> HTMLPage {
        let model = MastodonConnectModel(layout: try await layout(context, title: "Connect Mastodon"), instance: typed, next: next, error: error)
        return HTMLPage(html: try views.render(model, template: "mastodon_connect"), status: status)
    }

    func connectRequest(_ name: PlatformName, _ state: OAuthState, accountHint: String? = nil, callbackIssuer: String? = nil) -> ConnectRequest {
        ConnectRequest(
            redirectURI: publicBaseURL.absoluteString + "/social/callback/\(name.rawValue)/", state: state.nonce,
            codeVerifier: state.codeVerifier, instanceURL: state.instanceURL, accountHint: accountHint, callbackIssuer: callbackIssuer)
    }

    /// Longest handle (or DID) read from a form: a domain name is at most 253 characters.
    static var handleLimit: Int { 512 }

    private func blueskyForm(
        context: SignedInContext, handle: String, next: String, error: String?, status: HTTPResponse.Status = .ok
    ) async throws -> HTMLPage {
        let model = BlueskyConnectModel(layout: try await layout(context, title: "Connect Bluesky"), handle: handle, next: next, error: error)
        return HTMLPage(html: try views.render(model, template: "bluesky_connect"), status: status)
    }

    /// Bluesky's second way in: a handle and an app password, sent once to the account's own
    /// server; only the session it opens is stored (the CSRF middleware has checked the form).
    @Sendable func appPassword(_ request: Request, context: SignedInContext) async throws -> Response {
        let name = try platformName(context)
        guard name.asksForHandle else { throw RequestError.notFound("There is no such page.") }
        guard let bluesky = registry.platform(name) as? BlueskyPlatform else { throw unavailable(name) }
        var request = request
        let form = FormFields(String(buffer: try await request.collectBody(upTo: context.maxUploadSize)))
        let next = LocalPath.sanitize(form["next"])
        let handle = (form["handle"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let password = form["app_password"] ?? ""
        guard !handle.isEmpty, handle.utf8.count <= Self.handleLimit, !password.isEmpty, password.utf8.count <= 64 else {
            return try await blueskyForm(
                context: context, handle: String(handle.prefix(Self.handleLimit)), next: next,
                error: "Type your handle and an app password (xxxx-xxxx-xxxx-xxxx).", status: .badRequest
            ).response(from: request, context: context)
        }
        let result: OAuthResult
        do {
            result = try await bluesky.connectWithAppPassword(identifier: handle, password: password)
        } catch {
            context.logger.warning("app-password connect failed", metadata: ["platform": "\(name.rawValue)", "error": "\(error.description)"])
            return try await blueskyForm(
                context: context, handle: handle, next: next, error: error.description, status: ErrorMapping.status(for: error)
            )
            .response(from: request, context: context)
        }
        return try await store(result, platform: name, userID: context.userID, returnTo: next)
    }

    func platformName(_ context: SignedInContext) throws -> PlatformName {
        guard let text = context.parameters.get("platform"), let name = PlatformName(rawValue: text) else {
            throw RequestError.notFound("There is no such platform.")
        }
        return name
    }

    static func back(_ notice: SocialNotice, _ platform: PlatformName) -> Response {
        Response(status: .seeOther, headers: [.location: "/social/?notice=\(notice.rawValue)&platform=\(platform.rawValue)"])
    }
}
