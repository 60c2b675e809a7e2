import Foundation
import Ingest
import Logging
import ServiceLifecycle

/// Resolves stored publish events into content records after the webhook has been answered.
/// Runs beside the server; woken by intake, and polling as a safety net so events stored before
/// a crash or restart are picked up again (claims are leased, so a dead worker's claim lapses).
/// Up to `concurrency` events are resolved at once (`WorkPool`), so one slow page does not hold
/// up the events behind it.
struct PublishEventWorker<Apps: ContentAppRepository, Events: PublishEventRepository, Items: ContentItemRepository>: Service {
    let apps: Apps
    let events: Events
    let items: Items
    /// nil when pages cannot be fetched: records are then built from what the app sent.
    let pages: (any PageMetadataSource)?
    let signal: WakeSignal
    let logger: Logger
    var pollInterval: Duration = .seconds(5)
    var maxAttempts = 5
    /// How many events are resolved at once (`SOCIAL_RESOLVE_CONCURRENCY`).
    var concurrency = 8
    /// While this answers true (requests are arriving: `ForegroundActivity`), one event at a time.
    var giveWay: (@Sendable () -> Bool)?
    /// Plans the auto-shares of an event whose record is stored, before the event is marked
    /// resolved. It calls `attach` (which links the event to its record in the database, so the
    /// jobs read the record) before it creates any job; an event with no job to create skips it.
    var afterResolve: (@Sendable (_ event: PublishEvent, _ record: ContentRecord, _ attach: @Sendable () async throws -> Void) async throws -> Void)?

    func run() async throws {
        await pool.run(wakeups: signal, every: pollInterval)
        logger.info("publish event worker stopped")
    }

    /// Resolves everything claimable now, `concurrency` at a time. Exposed for tests.
    func drain() async {
        await pool.drain()
    }

    /// Each event is one page fetch (up to its timeout): a bounded number run at once.
    private var pool: WorkPool<PublishEvent, Never> {
        WorkPool(
            capacity: concurrency, perKey: concurrency, giveWay: giveWay,
            claim: { [events, maxAttempts] limit, _, _ in try await events.claimPending(limit: limit, maxAttempts: maxAttempts) },
            parts: { _ in [nil] }, work: { event, _ in await resolve(event) }, logger: logger, what: "pending publish events")
    }

    private func resolve(_ event: PublishEvent) async {
        do {
            let app = try await apps.find(id: event.appID)
            var scraped: ContentMetadata?
            var fetchProblem: String?
            if let pages, let url = URL(string: event.url) {
                do { scraped = try await pages.metadata(for: url) } catch { fetchProblem = "\(error)" }
            }
            let record = ContentRecord.merge(event: event, scraped: scraped, app: app)
            guard record.title != nil else {
                let reason =
                    fetchProblem.map { "The page could not be read (\($0)) and the event has no title." }
                    ?? "The event has no title and the page was not read."
                try await events.markFailed(id: event.id, detail: reason, final: event.attempts >= maxAttempts)
                return
            }
            let itemID = try await items.upsert(record)
            // Jobs are planned before the event is marked resolved: a crash in between leaves it
            // `received`, so it is claimed and planned again (planning is idempotent per event and
            // account) instead of staying resolved with its auto-shares never created. Most
            // events plan no job, and for them the record is linked by `markResolved` alone.
            var resolved = event
            resolved.state = .resolved
            resolved.contentItemID = itemID
            try await afterResolve?(resolved, record) { [events] in try await events.attachItem(id: event.id, contentItemID: itemID) }
            try await events.markResolved(id: event.id, contentItemID: itemID)
            logger.debug("publish event resolved", metadata: ["event": "\(event.id)"])
        } catch {
            logger.error("publish event resolution failed", metadata: ["event": "\(event.id)", "error": "\(String(reflecting: error))"])
            try? await events.markFailed(id: event.id, detail: "Internal error while resolving; will retry.", final: false)
        }
    }
}
