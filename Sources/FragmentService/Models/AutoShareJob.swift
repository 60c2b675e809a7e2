import Foundation
import Platforms

/// One automatic share of a publish event to one connection, created by a matching auto rule.
struct AutoShareJob: Sendable, Equatable, Codable {
    var id: Int64
    var eventID: Int64
    var ruleID: Int64?
    var connectionID: Int64
    var userID: String
    var message: String?
    var state: State
    var detail: String?
    /// For done jobs: how it ended.
    var outcome: Outcome?
    var shareID: Int64?
    var attempts: Int
    var runAfter: Date
    /// The platform of the job's connection (nil when it is gone). Not part of the API's JSON.
    var platform: PlatformName? = nil
    /// The API server the job posts to (`lane(platform:instanceURL:)`; nil when the connection is
    /// gone): claims are limited per lane. Not part of the API's JSON.
    var lane: String? = nil

    /// Where a job is; the raw values are what the database and the API say.
    enum State: String, Codable, Sendable {
        case waiting
        /// Parked with a visible reason in `detail` (a reconnect, another attempt in flight, a retry).
        case waitingReconnect = "waiting_reconnect"
        case done
    }

    /// How a done job ended.
    /// How a finished job ended: the account's outcome once nothing more will happen
    /// (`AccountShareOutcome.Kind` without its passing states).
    enum Outcome: String, Codable, Sendable {
        case published
        case alreadyShared = "already_shared"
        case unconfirmed
        case failed

        /// The job's end for an account's outcome; one still in progress, or an account gone,
        /// ends a job only as failed.
        init(_ kind: AccountShareOutcome.Kind) {
            switch kind {
            case .published: self = .published
            case .alreadyShared: self = .alreadyShared
            case .unconfirmed: self = .unconfirmed
            case .failed, .inProgress, .notFound: self = .failed
            }
        }
    }

    /// Claims that may run a job before it is given up (`AutoShareRepository.claimDue`).
    static let maxAttempts = 6
    /// What a job given up that way says.
    static let exhaustedDetail = "Stopped after \(maxAttempts) attempts that did not finish; nothing more will be tried."

    /// Which server a post to this connection goes to, for the per-server limit on jobs in flight:
    /// every Mastodon-API server is its own (each has its own rate limits and latency, so fifty
    /// accounts on fifty servers are fifty lanes), while every other platform has one API for all
    /// its accounts. `PostgresAutoShareRepository.laneSQL` computes the same in SQL.
    static func lane(platform: PlatformName, instanceURL: String?) -> String {
        platform.asksForServer ? platform.rawValue + " " + (instanceURL ?? "").lowercased() : platform.rawValue
    }

    enum CodingKeys: String, CodingKey {
        case id, message, state, detail, outcome, attempts
        case eventID = "event_id"
        case ruleID = "rule_id"
        case connectionID = "connection_id"
        case userID = "user_id"
        case shareID = "share_id"
        case runAfter = "run_after"
    }
}

extension AutoShareJob {
    /// What this job shares: the resolved record where there is one, else the event itself; the
    /// image's alt text travels with the image it describes.
    func content(event: PublishEvent, record: ContentRecord?) -> ShareContent {
        ShareContent(
            url: record?.canonicalURL ?? event.url, title: record?.title ?? event.title ?? event.url,
            description: record?.description ?? event.description, imageURL: record?.imageURL ?? event.imageURL,
            imageAlt: record?.imageURL == nil ? event.imageAlt : record?.imageAlt, message: message,
            // One key for every job of the event at this attempt, so jobs of the event can share
            // one order; keys are unique per account, and one job per event and account exists.
            idempotencyKey: "auto-e\(eventID)-\(attempts)", language: record?.language)
    }
}
