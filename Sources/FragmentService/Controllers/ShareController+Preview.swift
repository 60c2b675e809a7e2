import Foundation
import Hummingbird
import Platforms

/// The share page itself: per account, what its platform will post for the draft (text, link,
/// card, count against the limit) and the warnings before posting; and `POST
/// /social/share/preview/`, which shows the page again for what was written, so the previews
/// and counts work without JavaScript.
extension ShareController {
    /// What one account's preview needs besides the account.
    struct AccountPreview: Sendable {
        var text: String
        var count: Int
        var limit: Int
        var reason: String?
        var notices: [String]
    }

    /// Shows the page again for the posted draft; nothing is shared.
    @Sendable func preview(_ request: Request, context: SignedInContext) async throws -> HTMLPage {
        var request = request
        let form = FormFields(String(buffer: try await request.collectBody(upTo: context.maxUploadSize)))
        let params = try parameters { form[$0] }
        guard form.all("account").count <= ShareOrder.accountLimit else {
            throw RequestError.invalid("Share to at most \(ShareOrder.accountLimit) accounts at once.")
        }
        return try await render(params, draft: try ShareDraft(form), context: context)
    }

    /// The page for `params` and what the person has written and ticked so far.
    func render(_ params: ShareParameters, draft: ShareDraft, context: SignedInContext) async throws -> HTMLPage {
        let content = Self.content(params, message: draft.message, key: "")
        let live = try await shares.liveShares(userID: context.userID, url: params.url)
        // The share page knows the content type but not its app or tags: a one-click rule
        // preselects its account when its criteria can be checked here and match.
        let preselected = Set(
            try await rules.rules(userID: context.userID).filter {
                $0.enabled && $0.mode == .oneClick && $0.sourceApps.isEmpty && $0.tags.isEmpty
                    && $0.matches(contentType: params.type?.rawValue, sourceApp: nil, tags: [])
            }.map(\.connectionID))
        let connected = try await connections.connections(userID: context.userID)
        let previews = await Self.previews(content, ownMessages: draft.ownMessages, for: connected, registry: registry)
        var groups: [SharePageModel.Group] = []
        for name in PlatformName.allCases {
            let shown = name.presentation
            var accounts: [SharePageModel.Account] = []
            for (c, preview) in zip(connected, previews) where c.platform == name {
                let earlier = live[c.id]
                let ticked = draft.ticked.map { $0.contains(c.id) } ?? preselected.contains(c.id)
                accounts.append(
                    .init(
                        id: c.id, name: c.displayName ?? c.username ?? c.platformUserID, username: c.username, platformName: name.displayName,
                        count: preview.count, limit: preview.limit, disabled: preview.reason != nil, reason: preview.reason,
                        checked: preview.reason == nil && ticked, alreadyShared: earlier?.status == .published,
                        sharedURL: earlier?.postURL.flatMap(link), shareAgain: draft.shareAgain.contains(c.id), text: preview.text,
                        ownMessage: draft.ownMessages[c.id], linkNote: shown.link, cardNote: shown.cardNote, linkCard: shown.card != .imagePost,
                        imagePost: shown.card == .imagePost, notices: preview.notices, hasOwnMessage: draft.ownMessages[c.id] != nil,
                        over: preview.count > preview.limit))
            }
            if !accounts.isEmpty { groups.append(.init(platformName: name.displayName, iconClass: name.iconClass, accounts: accounts)) }
        }
        let takingAlt = PlatformName.allCases.filter { name in name.presentation.takesImageAlt && connected.contains { $0.platform == name } }
        let model = SharePageModel(
            layout: try await layout(context, title: "Share"), url: params.url, host: URL(string: params.url)?.host ?? params.url,
            title: params.title ?? params.url, description: params.description, image: params.image, imageAlt: draft.imageAlt,
            altTextPlatforms: takingAlt.isEmpty ? nil : takingAlt.map(\.displayName).joined(separator: ", "),
            type: params.type?.rawValue, idempotencyKey: draft.idempotencyKey, message: draft.message, groups: groups,
            hasAccounts: !groups.isEmpty)
        return HTMLPage(html: try views.render(model, template: "share"))
    }

    /// Every account's preview, in the order given, worked out side by side (a Mastodon server's
    /// limits or a Threads quota may each take a platform call).
    static func previews(
        _ content: ShareContent, ownMessages: [Int64: String], for connected: [SocialConnection], registry: PlatformRegistry
    ) async -> [AccountPreview] {
        await withTaskGroup(of: (Int, AccountPreview).self) { group in
            for (index, connection) in connected.enumerated() {
                var mine = content
                if let own = ownMessages[connection.id] { mine.message = own }
                group.addTask { (index, await preview(mine, for: connection, registry: registry)) }
            }
            var found: [Int: AccountPreview] = [:]
            for await (index, preview) in group { found[index] = preview }
            return connected.indices.map { found[$0] ?? AccountPreview(text: "", count: 0, limit: 0, reason: nil, notices: []) }
        }
    }

    /// One account's preview: the platform's check (as `check`), then what posting there costs
    /// (`PostPresentation.notice`) and, for an account that can post, how much of its publishing
    /// quota is left where the platform says (`PublishingQuotaReading`).
    static func preview(_ content: ShareContent, for connection: SocialConnection, registry: PlatformRegistry) async -> AccountPreview {
        let check = await check(content, for: connection, registry: registry)
        var notices = connection.platform.presentation.notice.map { [$0] } ?? []
        if check.reason == nil, let credentials = connection.credentials,
            let reader = registry.platform(connection.platform) as? any PublishingQuotaReading,
            let quota = await reader.publishingQuota(for: credentials)
        {
            notices.append(quota.notice(on: connection.platform))
        }
        return AccountPreview(text: check.text, count: check.count, limit: check.limit, reason: check.reason, notices: notices)
    }
}
