import Foundation

/// `meta_deletion_status.mustache`: the public status of a data-deletion request Meta sent, found
/// by its confirmation code (docs/platforms/facebook.md, "Callbacks": the page must say, in words,
/// what became of the request).
struct MetaDeletionStatusModel: Sendable {
    var layout: LayoutModel
    var code: String
    var appName: String
    var statusText: String
    var summary: String
    var kept: String
    var requestedAt: String

    init(_ request: MetaDeletionRequest) {
        layout = .visitor(title: "Data deletion request", csrf: "")
        code = request.code
        appName = request.app.displayName
        // Deletion runs before Meta is answered, so every recorded request is complete.
        statusText = "Completed"
        let platforms = request.app.platforms.map(\.displayName).joined(separator: " and ")
        summary =
            switch request.connectionsDeleted {
            case 0: "We held no \(platforms) account of yours, so there was nothing to delete."
            case 1: "Your connected \(platforms) account was deleted, with its access tokens, share history and share rules."
            default:
                "Your \(request.connectionsDeleted) connected \(platforms) accounts were deleted, with their access tokens, share history and share rules."
            }
        kept =
            "Nothing about these accounts is kept: not the tokens, not the posts we made for you, not the account ids. "
            + "This page keeps only the code, the date and the count above."
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        requestedAt = formatter.string(from: request.requestedAt)
    }
}
