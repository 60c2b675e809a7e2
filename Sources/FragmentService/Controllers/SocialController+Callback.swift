import Foundation
import Hummingbird
import Platforms

extension SocialController {
    /// The platform sends the browser back here with `code` and `state` (or `error`).
    @Sendable func callback(_ request: Request, context: SignedInContext) async throws -> Response {
        let name = try platformName(context)
        let params = request.queryFields
        let nonce = params["state"] ?? ""
        // Consume the state whatever happens next: a state is good for one answer only.
        let state = nonce.isEmpty ? nil : try await states.consume(nonce: nonce, userID: context.userID, platform: name)
        if params["error"] != nil { return Self.back(.denied, name) }
        guard let state else { return Self.back(.state, name) }
        guard let code = params["code"], !code.isEmpty, code.count <= 2048,
            let platform = registry.platform(name)
        else { return Self.back(.state, name) }

        let results: [OAuthResult]
        do {
            // Bluesky names its issuer in `iss`; the client checks it against the one it used.
            let issuer = params["iss"].flatMap { $0.utf8.count <= 2048 ? String($0) : nil }
            results = try await platform.exchangeCode(code, for: connectRequest(name, state, callbackIssuer: issuer))
        } catch {
            // An operator must see why connects fail (a server that refuses our scopes, say), not only the person.
            context.logger.warning(
                "connect failed at the token or identity step", metadata: ["platform": "\(name.rawValue)", "error": "\(error.description)"])
            let notice = SocialPageModel.Notice(text: "\(name.displayName) did not connect: \(error.description)", isError: true)
            return try await renderPanel(context: context, notice: notice, status: ErrorMapping.status(for: error)).response(
                from: request, context: context)
        }
        switch results.count {
        case 0:
            return Self.back(.nothing, name)
        case 1:
            return try await store(results[0], platform: name, userID: context.userID, returnTo: state.returnTo)
        default:
            let pending = try await states.savePending(results, userID: context.userID, platform: name, returnTo: state.returnTo)
            return Response(status: .seeOther, headers: [.location: "/social/connect/\(name.rawValue)/choose/\(pending)/"])
        }
    }

    /// Facebook Pages and Instagram accounts: one consent can offer several.
    @Sendable func choose(_ request: Request, context: SignedInContext) async throws -> HTMLPage {
        let name = try platformName(context)
        guard let id = context.parameters.get("pending"), let pending = try await states.pending(id: id, userID: context.userID),
            pending.platform == name
        else { throw RequestError.notFound("This choice has expired. Please connect again.") }
        let model = ChooseAccountsModel(
            layout: try await layout(context, title: "Choose accounts"), platformName: name.displayName,
            action: "/social/connect/\(name.rawValue)/choose/\(id)/",
            accounts: pending.results.map {
                .init(id: $0.platformUserID, name: $0.displayName ?? $0.username ?? $0.platformUserID, username: $0.username)
            })
        return HTMLPage(html: try views.render(model, template: "choose_accounts"))
    }

    @Sendable func chosen(_ request: Request, context: SignedInContext) async throws -> Response {
        let name = try platformName(context)
        var request = request
        let form = FormFields(String(buffer: try await request.collectBody(upTo: context.maxUploadSize)))
        guard let id = context.parameters.get("pending"), let pending = try await states.takePending(id: id, userID: context.userID),
            pending.platform == name
        else { throw RequestError.notFound("This choice has expired. Please connect again.") }
        let picked = Set(form.all("account"))
        let chosen = pending.results.filter { picked.contains($0.platformUserID) }
        guard !chosen.isEmpty else { return Self.back(.nothing, name) }
        var last: Response = Self.back(.nothing, name)
        for result in chosen {
            last = try await store(result, platform: name, userID: context.userID, returnTo: pending.returnTo)
            if last.headers[.location]?.contains("notice=taken") == true { return last }
        }
        return last
    }

    /// Applies the connect rules and says how it went.
    func store(_ result: OAuthResult, platform: PlatformName, userID: String, returnTo: String) async throws -> Response {
        switch try await connections.connect(userID: userID, platform: platform, result: result) {
        case .created:
            return returnTo == "/social/" ? Self.back(.connected, platform) : Response(status: .seeOther, headers: [.location: returnTo])
        case .reconnected:
            return returnTo == "/social/" ? Self.back(.reconnected, platform) : Response(status: .seeOther, headers: [.location: returnTo])
        case .ownedByAnotherUser:
            return Self.back(.taken, platform)
        }
    }
}
