import Foundation
import Hummingbird
import Platforms
import SocialCore

/// The pages a person uses to manage accounts (plan 3b): the social panel, connect, callback,
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
        group.get("connect/:platform/", use: connect)
        group.get("callback/:platform/", use: callback)
        group.get("connect/:platform/choose/:pending/", use: choose)
        group.post("connect/:platform/choose/:pending/", use: chosen)
        group.get("disconnect/:id/", use: confirmDisconnect)
        group.post("disconnect/:id/", use: disconnect)
    }

    // MARK: panel

    @Sendable func panel(_ request: Request, context: SignedInContext) async throws -> HTMLPage {
        let params = request.uri.queryParameters
        let platform = params["platform"].flatMap { PlatformName(rawValue: String($0)) }
        let notice = params["notice"].flatMap { SocialNotice(rawValue: String($0)) }?.text(platform: platform)
        return try await renderPanel(context: context, notice: notice)
    }

    func renderPanel(context: SignedInContext, notice: SocialPageModel.Notice?, status: HTTPResponse.Status = .ok) async throws -> HTMLPage {
        let accounts = try await connections.connections(userID: context.userID)
        let cards = PlatformName.allCases.map { name in
            let mine = accounts.filter { $0.platform == name }
            return SocialPageModel.Card(
                platform: name.rawValue, displayName: name.displayName, iconClass: name.iconClass,
                available: registry.platform(name) != nil, needs: registry.unavailableReason(name), isMastodon: name == .mastodon,
                connectHref: "/social/connect/\(name.rawValue)/",
                accounts: mine.map { c in
                    SocialPageModel.Account(
                        id: c.id, displayName: c.displayName ?? c.username ?? c.platformUserID, username: c.username,
                        needsReconnect: c.status == .needsReconnect, lastError: c.lastError, expiry: SocialPageModel.expiry(c.tokenExpiresAt),
                        reconnectHref: reconnectHref(c))
                }, hasAccounts: !mine.isEmpty)
        }
        let model = SocialPageModel(layout: try await layout(context, title: "Social accounts"), notice: notice, cards: cards)
        return HTMLPage(html: try views.render(model, template: "social"), status: status)
    }

    private func reconnectHref(_ c: SocialConnection) -> String {
        if c.platform == .mastodon, let instance = c.extraData["instance_url"] {
            return "/social/connect/mastodon/?instance=" + FormEncoding.escape(instance)
        }
        return "/social/connect/\(c.platform.rawValue)/"
    }

    func layout(_ context: SignedInContext, title: String) async throws -> LayoutModel {
        let user = try await users.find(id: context.userID)
        return .signedIn(title: title, userName: user?.displayName ?? context.userID, csrf: context.session.csrf, current: "/social/")
    }

    // MARK: connect

    @Sendable func connect(_ request: Request, context: SignedInContext) async throws -> Response {
        let name = try platformName(context)
        guard let platform = registry.platform(name) else {
            throw HTTPError(.notFound, message: "\(name.displayName) is not available here: it needs \(registry.unavailableReason(name) ?? "configuration").")
        }
        let params = request.uri.queryParameters
        var instance: URL?
        if name == .mastodon {
            let typed = params["instance"].map(String.init) ?? ""
            guard !typed.trimmingCharacters(in: .whitespaces).isEmpty else {
                return try await mastodonForm(context: context, typed: "", error: nil).response(from: request, context: context)
            }
            do {
                instance = try MastodonInstance.normalize(typed)
            } catch {
                return try await mastodonForm(context: context, typed: typed, error: error.description, status: .badRequest)
                    .response(from: request, context: context)
            }
        }
        let state = OAuthState(
            nonce: RandomToken.make(), userID: context.userID, platform: name,
            codeVerifier: platform.usesPKCE ? RandomToken.make(bytes: 48) : nil, instanceURL: instance,
            returnTo: LocalPath.sanitize(params["next"].map(String.init)), expiresAt: Date().addingTimeInterval(OAuthState.lifetime))
        let url: URL
        do {
            url = try await platform.authorizeURL(for: connectRequest(name, state))
        } catch {
            if name == .mastodon {
                return try await mastodonForm(context: context, typed: instance?.host ?? "", error: error.description, status: .badGateway)
                    .response(from: request, context: context)
            }
            throw HTTPError(.badGateway, message: error.description)
        }
        try await states.save(state)
        return Response(status: .seeOther, headers: [.location: sandbox.rewrite(url).absoluteString])
    }

    private func mastodonForm(context: SignedInContext, typed: String, error: String?, status: HTTPResponse.Status = .ok) async throws -> HTMLPage {
        let model = MastodonConnectModel(layout: try await layout(context, title: "Connect Mastodon"), instance: typed, error: error)
        return HTMLPage(html: try views.render(model, template: "mastodon_connect"), status: status)
    }

    func connectRequest(_ name: PlatformName, _ state: OAuthState) -> ConnectRequest {
        ConnectRequest(
            redirectURI: publicBaseURL.absoluteString + "/social/callback/\(name.rawValue)/", state: state.nonce,
            codeVerifier: state.codeVerifier, instanceURL: state.instanceURL)
    }

    func platformName(_ context: SignedInContext) throws -> PlatformName {
        guard let text = context.parameters.get("platform"), let name = PlatformName(rawValue: text) else {
            throw HTTPError(.notFound, message: "There is no such platform.")
        }
        return name
    }

    static func back(_ notice: SocialNotice, _ platform: PlatformName) -> Response {
        Response(status: .seeOther, headers: [.location: "/social/?notice=\(notice.rawValue)&platform=\(platform.rawValue)"])
    }
}
