import Foundation

/// How much background work waits, for the queue gauges on `/metrics` (README, "Metrics and
/// health"). Read from the database, so every instance reports the same figures.
struct QueueStatistics: Sendable, Equatable {
    /// Items waiting (for publish events: received and not yet resolved or failed).
    var waiting: Int
    /// Seconds the oldest of them has waited; nil when none waits.
    var oldestAge: TimeInterval?
}

/// The auto-share queue: jobs that will run, and jobs parked until their account is reconnected
/// or their retry time comes.
struct AutoShareQueueStatistics: Sendable, Equatable {
    /// Jobs in state `waiting` (due now, scheduled later by a rule's delay, or running under a lease).
    var waiting: Int
    /// Jobs in state `waiting_reconnect`.
    var parked: Int
    /// Seconds the job that has been due longest has waited past its due time (claimable and not
    /// yet claimed); nil when no job is due.
    var oldestDueAge: TimeInterval?
}
