import Foundation
import Hummingbird
import Ingest
import Platforms
import SocialCore

/// The share page: `GET /social/share/` shows the preview and the
/// person's accounts with live counters, `POST /social/share/` shares through `ShareService`
/// and shows a result per account (a fragment for in-page requests, a full page otherwise),
/// `GET /social/history/` lists past shares.
struct ShareController<
    Users: UserRepository, Connections: ConnectionRepository, Shares: ShareRepository, Rules: RuleRepository, Items: ContentItemRepository
>: Sendable {
    let users: Users
    let connections: Connections
    let shares: Shares
    /// One-click rules preselect their account for matching content.
    let rules: Rules
    let service: ShareService<Connections, Shares>
    let registry: PlatformRegistry
    /// Fills in what the share link did not carry, from the stored record or the page itself.
    let resolver: ContentResolver<Items>
    /// In sandbox mode links to posts point at the emulator's copy of the platform page.
    let sandbox: SandboxRoute
    let views: Views

    func addRoutes(to group: RouterGroup<SignedInContext>) {
        group.get("share/", use: page)
        group.get("share/count/", use: count)
        group.post("share/", use: submit)
        group.post("share/preview/", use: preview)
        group.get("history/", use: history)
    }

    @Sendable func page(_ request: Request, context: SignedInContext) async throws -> HTMLPage {
        var params = try parameters(request.queryFields)
        var imageAlt = ShareImageAlt.clean(request.queryFields["image_alt"])
        if params.title == nil || params.description == nil || params.image == nil, let found = await resolver.resolve(params.url) {
            // Fill what the link did not carry; the link's own values win.
            params.title = params.title ?? found.title
            params.description = params.description ?? found.description
            params.image = params.image ?? found.imageURL
            // The record's alt text describes the record's image only.
            if imageAlt == nil, params.image == found.imageURL { imageAlt = found.imageAlt }
        }
        return try await render(params, draft: .fresh(imageAlt: imageAlt), context: context)
    }

    /// Live counts and texts for the page's script: `[{id, count, limit, problem, text}]` for a
    /// draft message and the accounts' own texts (`message_<id>`).
    @Sendable func count(_ request: Request, context: SignedInContext) async throws -> Response {
        let query = request.queryFields
        let params = try parameters(query)
        let message = ShareDraft.text(query["message"])
        let own = try ShareDraft.ownMessages(query)
        let content = Self.content(params, message: message, key: "")
        var counts: [ShareCount] = []
        for c in try await connections.connections(userID: context.userID) {
            var mine = content
            if let text = own[c.id] { mine.message = text }
            let check = await Self.check(mine, for: c, registry: registry)
            counts.append(ShareCount(id: c.id, count: check.count, limit: check.limit, problem: check.reason, text: check.text))
        }
        return try JSONResponse.make(counts)
    }

    @Sendable func submit(_ request: Request, context: SignedInContext) async throws -> Response {
        var request = request
        let form = FormFields(String(buffer: try await request.collectBody(upTo: context.maxUploadSize)))
        let params = try parameters { form[$0] }
        let draft = try ShareDraft(form)
        let named = form.all("account")
        guard named.count <= ShareOrder.accountLimit else {
            throw RequestError.invalid("Share to at most \(ShareOrder.accountLimit) accounts at once.")
        }
        let ids = named.compactMap(Int64.init)
        guard !ids.isEmpty else { throw RequestError.invalid("Choose at least one account to share to.") }
        let message = draft.message
        var content = Self.content(params, message: message, key: draft.idempotencyKey)
        content.imageAlt = params.image == nil ? nil : draft.imageAlt
        var order = ShareOrder(userID: context.userID, content: content, connectionIDs: ids, shareAgain: draft.shareAgain)
        // Own texts of accounts not shared to are dropped with the rest of the draft.
        order.messages = draft.ownMessages.filter { ids.contains($0.key) }
        let outcomes = await service.share(order)
        let model = ShareResultModel(
            layout: try await layout(context, title: "Shared"),
            lines: outcomes.map { o in
                .init(
                    platformName: o.platform?.displayName ?? "Account", iconClass: o.platform?.iconClass ?? "fa-share-nodes",
                    accountName: o.accountName, published: o.kind == .published, alreadyShared: o.kind == .alreadyShared,
                    unconfirmed: o.kind == .unconfirmed || o.kind == .inProgress, failed: o.kind == .failed || o.kind == .notFound,
                    postURL: o.postURL.flatMap(link), message: o.message,
                    reconnectHref: o.errorKind == .needsReconnect ? o.platform.map { Self.reconnectHref($0, instance: o.instanceURL) } : nil,
                    connectionID: o.connectionID, ownMessage: order.messages[o.connectionID])
            }, url: params.url, title: params.title ?? params.url, description: params.description, image: params.image, type: params.type?.rawValue,
            shareMessage: message, freshKey: RandomToken.make())
        let inPage = request.headers[values: .init("X-Requested-With")!].contains("fetch")
        let html = try views.render(model, template: inPage ? "_share_result" : "share_result")
        return try HTMLPage(html: html).response(from: request, context: context)
    }

    /// The history pages that can be asked for (20 shares a page).
    static var historyPages: ClosedRange<Int> { 1...100_000 }

    /// `?platform=…&outcome=…&origin=…&page=…` (`ShareHistoryFilter+Query.swift`): one query for
    /// the rows, whatever the filter; the page links carry the filter.
    @Sendable func history(_ request: Request, context: SignedInContext) async throws -> HTMLPage {
        let perPage = 20
        let query = request.queryFields
        // Range-checked before the offset is computed: `(page - 1) * perPage` must not overflow.
        let pageText = query["page"]
        guard let page = pageText == nil ? 1 : BoundedNumber.int(pageText, in: Self.historyPages) else {
            throw RequestError.invalid("page must be a number from 1 to \(Self.historyPages.upperBound).")
        }
        let filter = try ShareHistoryFilter(query: query)
        let entries = try await shares.history(userID: context.userID, filter: filter, limit: perPage + 1, offset: (page - 1) * perPage)
        let iso = ISO8601DateFormatter()
        let readable = HistoryModel.timeFormatter()
        let rows = entries.prefix(perPage).map { e in
            HistoryModel.Row(
                when: iso.string(from: e.share.createdAt), whenText: readable.string(from: e.share.createdAt),
                platformName: e.platform.displayName, iconClass: e.platform.iconClass, accountName: e.accountName, url: e.share.url,
                title: e.share.title, status: e.share.status.rawValue, statusLabel: HistoryModel.label(e.share.status),
                originLabel: HistoryModel.label(e.share.origin), postURL: e.share.postURL.flatMap(link), reason: HistoryModel.reason(e.share))
        }
        var layout = try await layout(context, title: "Share history")
        layout.nav = layout.nav.map { .init(label: $0.label, href: $0.href, current: $0.href == "/social/history/") }
        let options = HistoryModel.options(filter)
        let model = HistoryModel(
            layout: layout, platforms: options.platforms, outcomes: options.outcomes, origins: options.origins, filtered: filter.isActive,
            rows: Array(rows), hasRows: !rows.isEmpty, previousHref: page > 1 ? Self.historyHref(filter, page: page - 1) : nil,
            nextHref: entries.count > perPage ? Self.historyHref(filter, page: page + 1) : nil)
        return HTMLPage(html: try views.render(model, template: "history"))
    }

    /// The history page `page` under `filter` (page 1 carries no number).
    static func historyHref(_ filter: ShareHistoryFilter, page: Int) -> String {
        let pairs = filter.queryPairs + (page > 1 ? [("page", String(page))] : [])
        return "/social/history/" + (pairs.isEmpty ? "" : "?" + FormEncoding.encode(pairs))
    }

    // MARK: helpers

    /// Where a Reconnect link on a result goes: the connect step, with the Mastodon server filled in.
    static func reconnectHref(_ platform: PlatformName, instance: String?) -> String {
        let base = "/social/connect/\(platform.rawValue)/"
        guard platform.asksForServer, let host = instance.flatMap(URL.init(string:))?.host else { return base }
        return base + "?" + FormEncoding.encode([("instance", host)])
    }

    /// A post URL as the person can open it here (the sandbox's copy in sandbox mode); nothing
    /// but an http(s) URL is ever rendered as a link, whatever an older row holds.
    func link(_ postURL: String) -> String? {
        guard let url = URL(string: postURL), ["http", "https"].contains(url.scheme?.lowercased() ?? "") else { return nil }
        return sandbox.rewrite(url).absoluteString
    }

    private func parameters(_ query: FormFields) throws -> ShareParameters {
        try parameters { query[$0] }
    }

    func parameters(_ value: (String) -> String?) throws -> ShareParameters {
        do { return try ShareParameters(value) } catch { throw RequestError.invalid("\(error)") }
    }

    func layout(_ context: SignedInContext, title: String) async throws -> LayoutModel {
        let user = try await users.find(id: context.userID)
        return .signedIn(title: title, userName: user?.displayName ?? context.userID, csrf: context.session.csrf, current: "/social/")
    }

    static func content(_ p: ShareParameters, message: String?, key: String) -> ShareContent {
        ShareContent(url: p.url, title: p.title ?? p.url, description: p.description, imageURL: p.image, message: message, idempotencyKey: key)
    }

    /// How the platform would count this post for the account, and why it cannot take it: the
    /// account's readiness first, then the platform's own check, as `ShareService` and the
    /// platform's `share` decide.
    static func check(
        _ content: ShareContent, for connection: SocialConnection, registry: PlatformRegistry
    ) async -> (text: String, count: Int, limit: Int, reason: String?) {
        let platform: any SocialPlatform
        switch AccountReadiness.check(connection, registry: registry) {
        case .success(let ready): platform = ready
        case .failure(let blocked):
            guard let known = registry.platform(connection.platform) else { return ("", 0, 0, blocked.message) }
            let check = await known.check(content, for: connection.credentials)
            return (check.text, check.count, check.limit, blocked.message)
        }
        let check = await platform.check(content, for: connection.credentials)
        return (check.text, check.count, check.limit, check.refusal)
    }
}
