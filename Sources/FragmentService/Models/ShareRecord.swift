import Foundation
import Platforms

/// One row of `social_shares`: an attempt to share a URL to one connection.
struct ShareRecord: Sendable, Equatable {
    var id: Int64
    var connectionID: Int64
    var userID: String
    var url: String
    var title: String?
    var message: String?
    var status: ShareStatus
    var postID: String?
    var postURL: String?
    var errorKind: ShareErrorKind?
    var errorMessage: String?
    var repeatOf: Int64?
    var origin: ShareOrigin
    var createdAt: Date
}

extension ShareRecord {
    /// The message a lost attempt carries (`ShareRepository.pendingLease`).
    static let lostAttemptMessage = "The service stopped while posting this; check the account before sharing again."
}

/// `social_shares.origin`: who asked for the share.
enum ShareOrigin: String, Sendable, Equatable {
    /// A person on the share page (or the API).
    case manual
    /// A rule, for a publish event or a feed item.
    case auto
}

/// `social_shares.status`.
enum ShareStatus: String, Sendable, Equatable {
    case pending, published, failed, unconfirmed
}
