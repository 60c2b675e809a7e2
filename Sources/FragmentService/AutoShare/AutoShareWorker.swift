import Foundation
import Logging
import Platforms
import ServiceLifecycle

/// Runs due auto-share jobs through the same `ShareService` as manual shares. Restart-safe: jobs
/// are leased, the share is recorded as pending before the platform call, and an attempt whose
/// outcome was lost becomes unconfirmed once its pending lease has passed (the share repository
/// does that, for manual and automatic attempts alike), never re-posted. While any attempt of the
/// same URL to the account is still pending — this job's lost one, or a manual share in flight —
/// the job waits for it instead of settling it. A connection that needs reconnecting parks its
/// jobs with a visible reason. Jobs are leased one by one, so no job runs twice at once, and run
/// concurrently through a `WorkPool`: up to `concurrency` in all, `perPlatform` per lane (the API
/// server they post to: one per platform, one per Mastodon server); jobs claimed together for
/// the same event go out as one share order.
struct AutoShareWorker<
    Connections: ConnectionRepository, Shares: ShareRepository, Jobs: AutoShareRepository, Events: PublishEventRepository,
    Items: ContentItemRepository
>: Service {
    let shares: Shares
    let jobs: Jobs
    let events: Events
    let items: Items
    let service: ShareService<Connections, Shares>
    let signal: WakeSignal
    let logger: Logger
    var pollInterval: Duration = .seconds(10)
    /// A parked job looks again this much later (so a reconnect picks it up).
    var parkDelay: TimeInterval = 60
    /// How many jobs run at once (`SOCIAL_AUTOSHARE_CONCURRENCY`).
    var concurrency = 16
    /// How many of them may be for one platform's API, or one Mastodon server
    /// (`SOCIAL_AUTOSHARE_PER_PLATFORM`).
    var perPlatform = 4

    func run() async throws {
        await pool.run(wakeups: signal, every: pollInterval, tick: { await sweep() })
        logger.info("auto-share worker stopped")
    }

    /// Runs every due job once, `concurrency` at a time. Exposed for tests.
    func drain() async {
        await sweep()
        await pool.drain()
    }

    /// Jobs run side by side, at most `perPlatform` of one lane: an event that fans out to six
    /// accounts takes about one platform round trip, fifty accounts on fifty Mastodon servers too,
    /// and a slow platform fills only its own slots while jobs for the others keep being claimed.
    /// Jobs claimed together for the same event and text go out as one share order (`JobGroup`),
    /// so fifty accounts cost the database what one does.
    private var pool: WorkPool<JobGroup, String> {
        WorkPool(
            capacity: concurrency, perKey: perPlatform,
            claim: { limit, perLane, busy in
                await grouped(try await jobs.claimDue(limit: limit, perLane: perLane, busy: busy))
            },
            parts: { $0.jobs.map(\.lane) }, work: { await run($0, done: $1) }, logger: logger,
            what: "auto-share jobs")
    }

    /// Claimed jobs that share one thing to several accounts in one share order: same event,
    /// owner, message and attempt. Each job is still settled on its own, as soon as its account
    /// has answered.
    struct JobGroup: Sendable {
        var jobs: [AutoShareJob]
        /// What they share, read with the claim; nil: not read, the group reads it itself.
        var content: (event: PublishEvent?, record: ContentRecord?)?

        /// What the jobs of one group have in common.
        struct Sameness: Hashable {
            let eventID: Int64
            let userID: String
            let message: String?
            let attempts: Int
        }
    }

    /// Groups a claim and reads its events and records in two statements. If that reading
    /// fails, each group reads its own.
    private func grouped(_ claimed: [AutoShareJob]) async -> [JobGroup] {
        guard !claimed.isEmpty else { return [] }
        var order: [JobGroup.Sameness] = []
        var groups: [JobGroup.Sameness: [AutoShareJob]] = [:]
        for job in claimed {
            let key = JobGroup.Sameness(eventID: job.eventID, userID: job.userID, message: job.message, attempts: job.attempts)
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(job)
        }
        let jobsByGroup = order.compactMap { groups[$0] }
        do {
            let events = try await self.events.events(ids: claimed.map(\.eventID))
            let records = try await items.find(ids: events.values.compactMap(\.contentItemID))
            return jobsByGroup.map { jobs in
                let event = jobs.first.flatMap { events[$0.eventID] }
                return JobGroup(jobs: jobs, content: (event, event?.contentItemID.flatMap { records[$0] }))
            }
        } catch {
            logger.warning("could not read the claimed auto-shares' events", metadata: ["error": "\(String(reflecting: error))"])
            return jobsByGroup.map { JobGroup(jobs: $0, content: nil) }
        }
    }

    /// Lost attempts of any share (manual ones too) become unconfirmed here at the latest.
    private func sweep() async {
        do {
            _ = try await shares.expireStalePending()
        } catch {
            logger.error("could not settle lost share attempts", metadata: ["error": "\(String(reflecting: error))"])
        }
    }

    /// The accounts' state is the share service's to check (one read for the whole group): a
    /// disconnected account finishes its job, one that needs reconnecting parks it.
    private func run(_ group: JobGroup, done: @escaping @Sendable (Int) -> Void) async {
        guard let first = group.jobs.first else { return }
        do {
            var (event, record) = group.content ?? (nil, nil)
            if group.content == nil {
                event = try await events.event(id: first.eventID)
                record = try await event?.contentItemID.asyncMap { try await items.find(id: $0) } ?? nil
            }
            guard let event else {
                for job in group.jobs {
                    try await jobs.finish(id: job.id, outcome: .failed, shareID: nil, detail: "The publish event is gone.")
                }
                return
            }
            // Each job frees its slot as soon as it is settled: a slow account of the group holds
            // only its own server's slot.
            let byConnection = Dictionary(
                group.jobs.enumerated().map { ($0.element.connectionID, (index: $0.offset, job: $0.element)) },
                uniquingKeysWith: { first, _ in first })
            let order = ShareOrder(
                userID: first.userID, content: first.content(event: event, record: record), connectionIDs: group.jobs.map(\.connectionID),
                origin: .auto)
            _ = await service.share(order) { outcome in
                guard let (index, job) = byConnection[outcome.connectionID] else { return }
                do {
                    try await settle(job, outcome)
                } catch {
                    logger.error("could not settle an auto-share job", metadata: ["job": "\(job.id)", "error": "\(String(reflecting: error))"])
                }
                done(index)
            }
        } catch {
            logger.error("auto-share jobs failed", metadata: ["jobs": "\(group.jobs.map(\.id))", "error": "\(String(reflecting: error))"])
        }
    }

    private func settle(_ job: AutoShareJob, _ outcome: AccountShareOutcome) async throws {
        switch outcome.kind {
        case .inProgress:
            // Another attempt (a manual share, or this job's own attempt whose worker died) is
            // pending: wait until it finishes or its lease makes it unconfirmed, then look again.
            let until = max(outcome.pendingUntil ?? .distantPast, Date()).addingTimeInterval(1)
            try await jobs.park(
                id: job.id, reason: "Waiting: another share of this link to this account is still in progress.",
                retryAt: min(until, Date().addingTimeInterval(shares.pendingLease)), attempted: false)
        case .notFound:
            try await jobs.finish(id: job.id, outcome: .failed, shareID: nil, detail: "The account was disconnected.")
        case .failed where outcome.errorKind == .needsReconnect:
            let platform = outcome.platform?.displayName ?? "the account"
            try await jobs.park(
                id: job.id, reason: "Waiting: reconnect \(platform) to share this automatically." + (outcome.message.map { " \($0)" } ?? ""),
                retryAt: Date().addingTimeInterval(parkDelay), attempted: false)
        case .failed where outcome.errorKind == .serviceSetup:
            // Not the person's doing and not theirs to fix: wait for the operator, hourly.
            try await jobs.park(
                id: job.id, reason: "Waiting: \(outcome.message ?? "the service's settings need an operator")",
                retryAt: Date().addingTimeInterval(max(parkDelay, 3600)), attempted: false)
        case .failed where outcome.errorKind == .rateLimited || outcome.errorKind == .transient:
            if job.attempts < AutoShareJob.maxAttempts - 1 {
                try await jobs.park(
                    id: job.id, reason: "Will retry: \(outcome.message ?? "the platform is busy")",
                    retryAt: Date().addingTimeInterval(parkDelay * Double(job.attempts)), attempted: true)
            } else {
                try await jobs.finish(id: job.id, outcome: .failed, shareID: outcome.shareID, detail: outcome.message)
            }
        case .published, .alreadyShared, .unconfirmed, .failed:
            try await jobs.finish(id: job.id, outcome: AutoShareJob.Outcome(outcome.kind), shareID: outcome.shareID, detail: outcome.message)
        }
    }
}

extension Optional {
    /// `map` with an async transform.
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
