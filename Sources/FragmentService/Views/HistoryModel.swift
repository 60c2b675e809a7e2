import Foundation
import Platforms

/// `history.mustache`: the person's shares, newest first, a page at a time, with the filter form.
struct HistoryModel: Sendable {
    struct Row: Sendable {
        /// ISO 8601, for `<time datetime>`.
        var when: String
        /// "12 Mar 2026, 14:05 UTC".
        var whenText: String
        var platformName: String
        var iconClass: String
        var accountName: String
        var url: String
        var title: String?
        /// `ShareStatus`, as the CSS class suffix `state-<status>`.
        var status: String
        /// "Published", "Not confirmed", "Failed", "In progress".
        var statusLabel: String
        /// "Automatic" (a rule shared it) or "Manual".
        var originLabel: String
        var postURL: String?
        /// Why it failed or is not confirmed (or what a pending share is doing).
        var reason: String?
    }

    /// One `<option>` of a filter.
    struct Option: Sendable {
        var value: String
        var label: String
        var selected: Bool
    }

    var layout: LayoutModel
    var platforms: [Option]
    var outcomes: [Option]
    var origins: [Option]
    var filtered: Bool
    var rows: [Row]
    var hasRows: Bool
    /// Page links, carrying the filter.
    var previousHref: String?
    var nextHref: String?
}

extension HistoryModel {
    /// The filter form's choices, `filter`'s own marked selected; the empty value means all.
    static func options(_ filter: ShareHistoryFilter) -> (platforms: [Option], outcomes: [Option], origins: [Option]) {
        let platforms =
            [Option(value: "", label: "All platforms", selected: filter.platform == nil)]
            + PlatformName.allCases.map { Option(value: $0.rawValue, label: $0.displayName, selected: filter.platform == $0) }
        let outcomes =
            [Option(value: "", label: "All outcomes", selected: filter.status == nil)]
            + ShareHistoryFilter.outcomes.map { Option(value: $0.word, label: label($0.status), selected: filter.status == $0.status) }
        let origins =
            [Option(value: "", label: "Manual and automatic", selected: filter.origin == nil)]
            + ShareHistoryFilter.origins.map { Option(value: $0.word, label: label($0.origin), selected: filter.origin == $0.origin) }
        return (platforms, outcomes, origins)
    }

    /// The word a person reads for a share's state (the share result page uses the same words).
    static func label(_ status: ShareStatus) -> String {
        switch status {
        case .published: "Published"
        case .unconfirmed: "Not confirmed"
        case .failed: "Failed"
        case .pending: "In progress"
        }
    }

    static func label(_ origin: ShareOrigin) -> String {
        switch origin {
        case .manual: "Manual"
        case .auto: "Automatic"
        }
    }

    /// What the row says about why: the stored message, or — when an older or lost row has
    /// none — a sentence for the state, so no failure or unconfirmed share is left unexplained.
    static func reason(_ share: ShareRecord) -> String? {
        let stored = share.errorMessage?.trimmingCharacters(in: .whitespacesAndNewlines)
        switch share.status {
        case .published: return nil
        case .pending: return "Still being posted."
        case .unconfirmed:
            return stored.flatMap { $0.isEmpty ? nil : $0 } ?? "The platform did not confirm the post. Check the account before sharing again."
        case .failed: return stored.flatMap { $0.isEmpty ? nil : $0 } ?? "The platform refused the post and gave no reason."
        }
    }

    /// Writes "12 Mar 2026, 14:05 UTC": the service's own timestamps, in the one zone it knows.
    static func timeFormatter() -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.calendar = Calendar(identifier: .gregorian)
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "d MMM yyyy, HH:mm 'UTC'"
        return formatter
    }
}
