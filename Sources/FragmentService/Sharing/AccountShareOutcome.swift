import Foundation
import Platforms

/// What happened for one account of a share order, ready to show.
struct AccountShareOutcome: Sendable, Equatable {
    enum Kind: String, Sendable {
        case published, alreadyShared = "already_shared", unconfirmed, failed, inProgress = "in_progress", notFound = "not_found"
    }

    var connectionID: Int64
    var platform: PlatformName?
    var accountName: String
    var kind: Kind
    var postURL: String?
    var message: String?
    var errorKind: ShareErrorKind?
    var shareID: Int64?
    /// For `.inProgress`: when that attempt counts as lost if it has not finished by then.
    var pendingUntil: Date?
    /// For a Mastodon account: its server, so a Reconnect link can name it again.
    var instanceURL: String?
}
