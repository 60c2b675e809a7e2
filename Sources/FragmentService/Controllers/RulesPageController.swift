import Foundation
import Hummingbird
import Platforms

/// `/social/rules/`: the same rules as the JSON API, editable in the browser.
struct RulesPageController<
    Users: UserRepository, Rules: RuleRepository, Connections: ConnectionRepository, Apps: ContentAppRepository, Events: PublishEventRepository
>: Sendable {
    let users: Users
    let rules: Rules
    let connections: Connections
    /// The registered content apps a rule can be limited to.
    let apps: Apps
    /// The person's recent publish events, for "what would this rule have shared?".
    let events: Events
    let registry: PlatformRegistry
    let views: Views

    func addRoutes(to group: RouterGroup<SignedInContext>) {
        group.get("rules/", use: page)
        group.post("rules/", use: create)
        group.post("rules/template-preview/", use: templatePreview)
        group.post("rules/:id/toggle/", use: toggle)
        group.post("rules/:id/delete/", use: delete)
    }

    @Sendable func page(_ request: Request, context: SignedInContext) async throws -> HTMLPage {
        try await render(context, form: .fresh, problems: [:], saved: request.queryFields["saved"] != nil)
    }

    @Sendable func create(_ request: Request, context: SignedInContext) async throws -> Response {
        var request = request
        let fields = FormFields(String(buffer: try await request.collectBody(upTo: context.maxUploadSize)))
        let input = Self.input(fields)
        let problems = try await RuleValidator(connections: connections, registry: registry).problems(input, userID: context.userID)
        let form = RulesPageModel.Form(input, tagsText: fields["tags"] ?? "", delayText: fields["delay_minutes"] ?? "0")
        if fields["action"] == "preview" {
            // Tried, not saved: the form comes back as it was, with what the rule would do.
            let preview = try await preview(input, userID: context.userID)
            return try await render(context, form: form, problems: problems, saved: false, preview: preview).response(from: request, context: context)
        }
        guard problems.isEmpty else {
            return try await render(context, form: form, problems: problems, saved: false, status: .unprocessableContent).response(
                from: request, context: context)
        }
        _ = try await rules.save(input, id: nil, userID: context.userID)
        return Response(status: .seeOther, headers: [.location: "/social/rules/?saved=1"])
    }

    /// The rule the form describes: apps ticked from the list, tags split at commas.
    static func input(_ form: FormFields) -> ShareRuleInput {
        func list(_ text: String?) -> [String] {
            (text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        return ShareRuleInput(
            connectionID: form["connection_id"].flatMap(Int64.init), mode: form["mode"], contentTypes: form.all("content_types"),
            sourceApps: form.all("source_apps").flatMap { list($0) },
            tags: list(form["tags"]).map { $0.hasPrefix("#") ? String($0.dropFirst()) : $0 },
            tagsMatch: form["tags_match"] ?? "any", delaySeconds: ShareRuleInput.delaySeconds(minutes: form["delay_minutes"]),
            messageTemplate: (form["message_template"] ?? "").isEmpty ? nil : form["message_template"], enabled: form["enabled"] != nil)
    }

    /// The form's rule tried on the person's last 20 publish events.
    private func preview(_ input: ShareRuleInput, userID: String) async throws -> RulePreview {
        let connection = try await input.connectionID.asyncMap { try await connections.connection(id: $0, userID: userID) } ?? nil
        let recent = try await events.recent(author: userID, limit: 20)
        return await RulePreview.make(RulePreview.rule(input), events: recent, connection: connection, registry: registry)
    }

    @Sendable func toggle(_ request: Request, context: SignedInContext) async throws -> Response {
        let rule = try await own(context)
        var input = ShareRuleInput(
            connectionID: rule.connectionID, mode: rule.mode.rawValue, contentTypes: rule.contentTypes, sourceApps: rule.sourceApps, tags: rule.tags,
            tagsMatch: rule.tagsMatch.rawValue, delaySeconds: rule.delaySeconds, messageTemplate: rule.messageTemplate, enabled: !rule.enabled)
        input.enabled = !rule.enabled
        _ = try await rules.save(input, id: rule.id, userID: context.userID)
        return Response(status: .seeOther, headers: [.location: "/social/rules/"])
    }

    @Sendable func delete(_ request: Request, context: SignedInContext) async throws -> Response {
        let rule = try await own(context)
        _ = try await rules.delete(id: rule.id, userID: context.userID)
        return Response(status: .seeOther, headers: [.location: "/social/rules/"])
    }

    private func own(_ context: SignedInContext) async throws -> ShareRule {
        guard let text = context.parameters.get("id"), let id = Int64(text), let rule = try await rules.rule(id: id, userID: context.userID) else {
            throw RequestError.notFound("No such rule.")
        }
        return rule
    }

    /// The template preview for the form as rendered: its template on its account (the first one
    /// when none is chosen yet); none for a template the checks refuse, whose problem the page lists.
    private func firstTemplatePreview(_ form: RulesPageModel.Form, accounts: [SocialConnection], userID: String) async throws -> TemplatePreview? {
        guard let connection = accounts.first(where: { $0.id == form.connectionID }) ?? accounts.first else { return nil }
        guard let template = try? Self.checkedTemplate(form.template) else { return nil }
        let newest = try await events.recent(author: userID, limit: 1).first
        return await TemplatePreview.make(template: template, event: newest, connection: connection, registry: registry)
    }

    private func render(
        _ context: SignedInContext, form: RulesPageModel.Form, problems: [String: String], saved: Bool, preview: RulePreview? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> HTMLPage {
        let accounts = try await connections.connections(userID: context.userID)
        let byID = Dictionary(uniqueKeysWithValues: accounts.map { ($0.id, $0) })
        let rows = try await rules.rules(userID: context.userID).map { rule in
            let c = byID[rule.connectionID]
            var criteria: [String] = []
            if !rule.contentTypes.isEmpty { criteria.append(rule.contentTypes.map(RulePreview.label).joined(separator: ", ")) }
            if !rule.sourceApps.isEmpty { criteria.append("from " + rule.sourceApps.joined(separator: ", ")) }
            if !rule.tags.isEmpty { criteria.append("\(rule.tagsMatch.rawValue) of #" + rule.tags.joined(separator: " #")) }
            if rule.delaySeconds > 0 { criteria.append("after \(rule.delaySeconds / 60) min") }
            return RulesPageModel.Row(
                id: rule.id, accountName: c?.displayName ?? c?.username ?? "disconnected account", platformName: c?.platform.displayName ?? "",
                iconClass: c?.platform.iconClass ?? "fa-circle-question", mode: rule.mode == .auto ? "Automatic" : "One click",
                criteria: criteria.isEmpty ? "all content" : criteria.joined(separator: "; "), template: rule.messageTemplate, enabled: rule.enabled)
        }
        let registered = try await apps.all()
        let templatePreview = try await firstTemplatePreview(form, accounts: accounts, userID: context.userID)
        let user = try await users.find(id: context.userID)
        var layout = LayoutModel.signedIn(
            title: "Share rules", userName: user?.displayName ?? context.userID, csrf: context.session.csrf, current: "/social/rules/")
        layout.nav = layout.nav.map { .init(label: $0.label, href: $0.href, current: $0.href == "/social/rules/") }
        let model = RulesPageModel(
            layout: layout, rows: rows, hasRows: !rows.isEmpty,
            connections: accounts.map {
                .init(
                    id: $0.id, label: "\($0.platform.displayName) · \($0.displayName ?? $0.username ?? $0.platformUserID)",
                    selected: $0.id == form.connectionID)
            },
            hasConnections: !accounts.isEmpty, problems: problems.sorted { $0.key < $1.key }.map { .init(field: $0.key, message: $0.value) },
            hasProblems: !problems.isEmpty, saved: saved, form: form,
            types: ShareContentType.allCases.map {
                .init(value: $0.rawValue, label: RulePreview.label($0.rawValue) + "s", checked: form.contentTypes.contains($0.rawValue))
            },
            apps: registered.map { .init(value: $0.id, label: $0.displayName, checked: form.sourceApps.contains($0.id)) },
            hasApps: !registered.isEmpty, preview: preview.map(RulesPageModel.Preview.init),
            templatePreview: templatePreview.map(RulesPageModel.TemplatePreviewView.init))
        return HTMLPage(html: try views.render(model, template: "rules"), status: status)
    }
}
