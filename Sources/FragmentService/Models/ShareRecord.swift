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
    var errorKind: String?
    var errorMessage: String?
    var repeatOf: Int64?
    var origin: String
    var createdAt: Date
}

extension ShareRecord {
    /// The message a lost attempt carries (`ShareRepository.pendingLease`).
    static let lostAttemptMessage = "The service stopped while posting this; check the account before sharing again."
}

/// `social_shares.status`.
enum ShareStatus: String, Sendable, Equatable {
    case pending, published, failed, unconfirmed
}
