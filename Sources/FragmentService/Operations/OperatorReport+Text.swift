import Foundation

extension OperatorReport {
    /// The report as `social-service doctor` prints it: one section a part, one line an item,
    /// problems marked `!` (warning) or `!!` (critical).
    var text: String {
        func mark(_ level: Level) -> String {
            switch level {
            case .ok: "  "
            case .warning: "! "
            case .critical: "!!"
            }
        }
        var lines = ["social-service doctor — \(publicBaseURL)\(sandbox ? " (sandbox mode)" : "")", "", "Platforms"]
        for p in platforms {
            if p.configured {
                lines.append("\(mark(p.level)) \(p.name): credentials \(p.credentials)")
                lines.append("     redirect URI: \(p.redirectURI)")
                if !p.scopes.isEmpty { lines.append("     scopes: \(p.scopes.joined(separator: " "))") }
            } else {
                lines.append("   \(p.name): not configured (needs \(p.needs ?? "credentials"))")
            }
        }
        lines += ["", "Pinned API versions"]
        if versions.isEmpty { lines.append("   none in use") }
        for v in versions {
            lines.append("\(mark(v.level)) \(v.setting) (\(v.platforms.map(\.displayName).joined(separator: ", "))): \(v.message)")
        }
        lines += ["", "Connections"]
        if connections.isEmpty { lines.append("   none yet") }
        for c in connections {
            let level: Level = c.needsReconnect + c.expiringWithoutRefresh > 0 ? .warning : .ok
            lines.append(
                "\(mark(level)) \(c.platform.displayName): \(c.live) live, \(c.needsReconnect) need reconnecting, "
                    + "\(c.expiringWithoutRefresh) expire within \(Int(Self.expiryHorizon / 86_400)) days without a refresh")
        }
        lines += ["", "Queues"]
        for q in queues {
            if q.name == "database" {
                lines.append("\(mark(q.level)) the database did not answer: connections and queues are unknown")
                continue
            }
            let age = q.oldestSeconds.map { ", oldest waiting \(Self.duration($0))" } ?? ""
            lines.append("\(mark(q.level)) \(q.name): \(q.waiting) waiting\(age)")
        }
        lines += ["", "Overall: \(level.rawValue)"]
        return lines.joined(separator: "\n") + "\n"
    }

    /// `95 s`, `12 min`, `3 h`, `2 d`.
    static func duration(_ seconds: Int) -> String {
        switch seconds {
        case ..<120: "\(seconds) s"
        case ..<7_200: "\(seconds / 60) min"
        case ..<172_800: "\(seconds / 3_600) h"
        default: "\(seconds / 86_400) d"
        }
    }
}
