/// `history.mustache`: the person's shares, newest first, a page at a time.
struct HistoryModel: Sendable {
    struct Row: Sendable {
        var when: String
        var platformName: String
        var iconClass: String
        var accountName: String
        var url: String
        var title: String?
        var status: String
        var postURL: String?
        var message: String?
    }

    var layout: LayoutModel
    var rows: [Row]
    var hasRows: Bool
    var previousPage: Int?
    var nextPage: Int?
}
