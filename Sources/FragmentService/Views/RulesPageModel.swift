/// `rules.mustache`: the person's share rules, a form to add one, and what the form's rule
/// would have shared.
struct RulesPageModel: Sendable {
    struct Row: Sendable {
        var id: Int64
        var accountName: String
        var platformName: String
        var iconClass: String
        var mode: String
        var criteria: String
        var template: String
        var enabled: Bool
    }

    struct Option: Sendable {
        var id: Int64
        var label: String
        var selected: Bool
    }

    struct Choice: Sendable {
        var value: String
        var label: String
        var checked: Bool
    }

    struct Problem: Sendable {
        var field: String
        var message: String
    }

    /// The form as last sent (or its defaults), so a preview or a refusal keeps what was typed.
    struct Form: Sendable {
        var connectionID: Int64?
        var auto: Bool
        var contentTypes: [String]
        var sourceApps: [String]
        var tags: String
        var tagsAll: Bool
        var delayMinutes: String
        var template: String
        var enabled: Bool

        static let fresh = Form(
            connectionID: nil, auto: false, contentTypes: [], sourceApps: [], tags: "", tagsAll: false, delayMinutes: "0",
            template: "{title} {hashtags}", enabled: true)

        init(
            connectionID: Int64?, auto: Bool, contentTypes: [String], sourceApps: [String], tags: String, tagsAll: Bool, delayMinutes: String,
            template: String, enabled: Bool
        ) {
            self.connectionID = connectionID
            self.auto = auto
            self.contentTypes = contentTypes
            self.sourceApps = sourceApps
            self.tags = tags
            self.tagsAll = tagsAll
            self.delayMinutes = delayMinutes
            self.template = template
            self.enabled = enabled
        }

        init(_ input: ShareRuleInput, tagsText: String, delayText: String) {
            self.init(
                connectionID: input.connectionID, auto: input.mode == ShareRule.Mode.auto.rawValue, contentTypes: input.contentTypes ?? [],
                sourceApps: input.sourceApps ?? [], tags: String(tagsText.prefix(500)), tagsAll: input.tagsMatch == "all",
                delayMinutes: String(delayText.prefix(10)), template: input.messageTemplate ?? "", enabled: input.enabled ?? false)
        }
    }

    /// "What would this rule have shared?", for the page.
    struct Preview: Sendable {
        struct Item: Sendable {
            var title: String
            var url: String
            var shares: Bool
            var why: String
            var text: String?
            var count: String?
            var problem: String?
        }

        var items: [Item]
        var hasItems: Bool
        var summary: String

        init(_ preview: RulePreview) {
            items = preview.items.map {
                Item(title: $0.title, url: $0.url, shares: $0.shares, why: $0.why, text: $0.text, count: $0.count, problem: $0.problem)
            }
            hasItems = !items.isEmpty
            summary =
                items.isEmpty
                ? "You have no publish events yet to try the rule on."
                : "Of your last \(items.count) published items, this rule would have shared \(preview.matched)."
        }
    }

    /// The message template's live preview (`TemplatePreview`), as first rendered; `rules.js`
    /// replaces its text as the person types.
    struct TemplatePreviewView: Sendable {
        var itemText: String
        var text: String
        var countText: String
        var platform: String
        var over: Bool
        var problems: [String]
        var hasProblems: Bool
        /// What the live region says: the over-limit warning, or nothing.
        var announcement: String

        init(_ preview: TemplatePreview) {
            itemText = Self.describe(preview.item)
            text = preview.text
            countText = Self.describeCount(preview.count, limit: preview.limit)
            platform = preview.platform
            over = preview.over
            problems = preview.problems
            hasProblems = !problems.isEmpty
            announcement = Self.announce(preview)
        }

        /// Which item the template was filled in from. `rules.js` words it the same way.
        static func describe(_ item: TemplatePreview.Item) -> String {
            item.sample
                ? "Filled in from a sample item, as you have not published anything yet."
                : "Filled in from your newest item, “\(item.title)”."
        }

        static func describeCount(_ count: Int, limit: Int?) -> String {
            limit.map { "\(count) / \($0)" } ?? "\(count) characters"
        }

        /// The live region's words. `rules.js` words it the same way.
        static func announce(_ preview: TemplatePreview) -> String {
            guard preview.over, let limit = preview.limit else { return "" }
            return "Over the limit: \(preview.count) of \(limit) characters on \(preview.platform)."
        }
    }

    var layout: LayoutModel
    var rows: [Row]
    var hasRows: Bool
    var connections: [Option]
    var hasConnections: Bool
    var problems: [Problem]
    var hasProblems: Bool
    var saved: Bool
    var form: Form
    var types: [Choice]
    var apps: [Choice]
    var hasApps: Bool
    var preview: Preview?
    var templatePreview: TemplatePreviewView?
}
