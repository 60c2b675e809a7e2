import Foundation

/// Publish events: stored once per (app, event id), then resolved by a background worker.
protocol PublishEventRepository: Sendable {
    /// Stores the event unless the app already sent this event id; returns the stored event and
    /// whether it is new.
    func record(_ event: NewPublishEvent) async throws -> (event: PublishEvent, created: Bool)
    /// The newest events, optionally only those naming `author`.
    func recent(author: String?, limit: Int) async throws -> [PublishEvent]
    /// Takes up to `limit` events waiting for resolution, counting an attempt on each before any
    /// work and leasing it. An event that has used `maxAttempts` without being settled (each
    /// attempt killed the worker, say) is marked failed with its reason instead of being taken,
    /// so one poisonous event cannot crash every restarted worker in turn.
    func claimPending(limit: Int, maxAttempts: Int) async throws -> [PublishEvent]
    /// One event by its id.
    func event(id: Int64) async throws -> PublishEvent?
    /// The events with these ids that exist, by id (one statement).
    func events(ids: [Int64]) async throws -> [Int64: PublishEvent]
    /// Marks an event resolved against a content item.
    /// Links the event to its content record while it is still being resolved, so jobs planned
    /// from it read the record; the state stays `received` until `markResolved`.
    func attachItem(id: Int64, contentItemID: Int64) async throws
    func markResolved(id: Int64, contentItemID: Int64) async throws
    /// Records why resolution failed; `final` stops further attempts.
    func markFailed(id: Int64, detail: String, final: Bool) async throws
    /// Events received and not yet settled, and how long the oldest has waited (one cheap read).
    func queueStatistics() async throws -> QueueStatistics
}
