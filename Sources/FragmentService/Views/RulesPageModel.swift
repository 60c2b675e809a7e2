/// `rules.mustache`: the person's share rules and a form to add one.
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

    struct Problem: Sendable {
        var field: String
        var message: String
    }

    var layout: LayoutModel
    var rows: [Row]
    var hasRows: Bool
    var connections: [Option]
    var hasConnections: Bool
    var problems: [Problem]
    var hasProblems: Bool
    var saved: Bool
}
