import Foundation

/// Something an operator must act on before or when it breaks, found from configuration alone.
package struct OperatorAlert: Sendable, Equatable {
    package enum Severity: String, Sendable, Comparable {
        case warning, critical
        package static func < (a: Severity, b: Severity) -> Bool { a == .warning && b == .critical }
    }

    package var platforms: [PlatformName]
    package var severity: Severity
    /// A sentence for the log and the operator: what, when, which setting fixes it.
    package var message: String
    /// Whether posting to `platforms` cannot work until an operator acts (shown to people on the
    /// share page instead of letting each share fail with the same surprise).
    package var blocksPosting: Bool

    /// What people see for a platform an operator must fix first (the details go to the log).
    package static func pausedMessage(_ platform: PlatformName) -> String {
        "Posting to \(platform.displayName) is paused until this service's operator updates its settings; nothing was posted."
    }
}

/// The retirement dates of the API versions this service pins (docs/platforms/api-versions.md).
/// Dates are the first day a version no longer works.
package enum APIVersionCalendar {
    /// How long before a retirement the operator is warned.
    package static let warningDays = 60

    /// Confirmed `LinkedIn-Version` sunsets from LinkedIn's migration page.
    static let linkedIn: [String: String] = [
        "202510": "2026-10-15", "202511": "2026-11-16", "202601": "2027-01-15", "202602": "2027-02-15", "202603": "2027-03-16",
    ]

    /// Graph API versions with a published end date; newer ones have none yet ("TBD").
    static let graph: [Int: String] = [
        20: "2026-09-24", 21: "2027-01-21", 22: "2027-05-20", 23: "2027-10-08", 24: "2028-02-18", 25: "2028-07-29",
    ]

    /// A `LinkedIn-Version`'s sunset and whether LinkedIn published it (else estimated: each
    /// version lives about a year, to the middle of the same month a year later).
    package static func linkedInSunset(_ version: String) -> (date: Date, confirmed: Bool)? {
        if let known = linkedIn[version], let date = day(known) { return (date, true) }
        guard version.count == 6, let value = Int(version), (2020...2100).contains(value / 100), (1...12).contains(value % 100),
            let date = day(String(format: "%04d-%02d-15", value / 100 + 1, value % 100))
        else { return nil }
        return (date, false)
    }

    /// A Graph version's (`v26.0`) end date; versions older than the table are long gone.
    package static func graphSunset(_ version: String) -> Date? {
        guard version.hasPrefix("v"), let major = Int(version.dropFirst().prefix { $0 != "." }) else { return nil }
        if let known = graph[major] { return day(known) }
        if let oldest = graph.keys.min(), major < oldest { return .distantPast }
        return nil
    }

    /// Alerts for the versions configured here, for the platforms that use them.
    package static func alerts(graphVersion: String?, linkedInVersion: String?, now: Date = Date()) -> [OperatorAlert] {
        var alerts: [OperatorAlert] = []
        let warnFrom = now.addingTimeInterval(TimeInterval(warningDays) * 86_400)
        if let version = graphVersion, let sunset = graphSunset(version), sunset <= warnFrom {
            let past = sunset <= now
            alerts.append(
                OperatorAlert(
                    platforms: [.facebook, .instagram], severity: past ? .critical : .warning,
                    message: past
                        ? "Graph API \(version) is retired since \(text(sunset)); Meta answers with its oldest version instead. Set SOCIAL_FACEBOOK_GRAPH_VERSION to a current version."
                        : "Graph API \(version) retires on \(text(sunset)); set SOCIAL_FACEBOOK_GRAPH_VERSION to a newer version before then.",
                    blocksPosting: false))
        }
        if let version = linkedInVersion, let (sunset, confirmed) = linkedInSunset(version), sunset <= warnFrom {
            let past = sunset <= now
            let when = confirmed ? text(sunset) : "about \(text(sunset)) (estimated)"
            alerts.append(
                OperatorAlert(
                    platforms: [.linkedin], severity: past ? .critical : .warning,
                    message: past
                        ? "LinkedIn API version \(version) is retired since \(when); every post fails until SOCIAL_LINKEDIN_VERSION is set to an active version."
                        : "LinkedIn API version \(version) retires on \(when); set SOCIAL_LINKEDIN_VERSION to a newer version before then.",
                    blocksPosting: past && confirmed))
        }
        return alerts
    }

    private static func day(_ text: String) -> Date? {
        var strategy = Date.ISO8601FormatStyle().year().month().day()
        strategy.timeZone = TimeZone(secondsFromGMT: 0) ?? .gmt
        return try? Date(text, strategy: strategy)
    }

    private static func text(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle().year().month().day())
    }
}
