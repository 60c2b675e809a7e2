import Foundation
import Hummingbird
import Platforms

/// `/social/operator/`: the `doctor` report for the people named in `SOCIAL_OPERATORS`; for
/// everyone else the page does not exist.
struct OperatorController<Users: UserRepository, Connections: ConnectionRepository>: Sendable {
    let users: Users
    let operators: Set<String>
    let source: OperatorReportSource<Connections>
    let views: Views

    func addRoutes(to group: RouterGroup<SignedInContext>) {
        group.get("operator/", use: page)
    }

    @Sendable func page(_ request: Request, context: SignedInContext) async throws -> HTMLPage {
        guard operators.contains(context.userID) else { throw RequestError.notFound("No such page.") }
        let report = await source.report()
        let user = try await users.find(id: context.userID)
        let layout = LayoutModel.signedIn(
            title: "Operator", userName: user?.displayName ?? context.userID, csrf: context.session.csrf, current: "/social/operator/")
        return HTMLPage(html: try views.render(OperatorPageModel(layout: layout, report: report), template: "operator"))
    }
}

/// The operator page's view of an `OperatorReport` (Mustache reads stored properties only).
struct OperatorPageModel: Sendable {
    struct Row: Sendable {
        var level: String
        var title: String
        var detail: String
        var lines: [String]
    }

    var layout: LayoutModel
    var overall: String
    var generatedAt: String
    var platforms: [Row]
    var versions: [Row]
    var connections: [Row]
    var queues: [Row]
    var hasVersions: Bool
    var hasConnections: Bool

    init(layout: LayoutModel, report: OperatorReport) {
        self.layout = layout
        overall = report.level.rawValue
        generatedAt = report.generatedAt.formatted(Date.ISO8601FormatStyle())
        platforms = report.platforms.map { p in
            p.configured
                ? Row(
                    level: p.level.rawValue, title: p.name, detail: "credentials \(p.credentials)",
                    lines: ["Redirect URI: \(p.redirectURI)"] + (p.scopes.isEmpty ? [] : ["Scopes: \(p.scopes.joined(separator: " "))"]))
                : Row(level: "off", title: p.name, detail: "not configured (needs \(p.needs ?? "credentials"))", lines: [])
        }
        versions = report.versions.map { Row(level: $0.level.rawValue, title: $0.setting, detail: $0.message, lines: []) }
        connections = report.connections.map { c in
            Row(
                level: c.needsReconnect + c.expiringWithoutRefresh > 0 ? "warning" : "ok", title: c.platform.displayName,
                detail: "\(c.live) live, \(c.needsReconnect) need reconnecting, \(c.expiringWithoutRefresh) expire soon without a refresh",
                lines: [])
        }
        queues = report.queues.map { q in
            q.name == "database"
                ? Row(level: q.level.rawValue, title: "Database", detail: "did not answer: connections and queues are unknown", lines: [])
                : Row(
                    level: q.level.rawValue, title: q.name,
                    detail: "\(q.waiting) waiting" + (q.oldestSeconds.map { ", oldest \(OperatorReport.duration($0))" } ?? ""), lines: [])
        }
        hasVersions = !versions.isEmpty
        hasConnections = !connections.isEmpty
    }
}
