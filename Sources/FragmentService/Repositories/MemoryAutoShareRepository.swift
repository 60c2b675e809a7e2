import Foundation
import Platforms

/// `AutoShareRepository` in memory, for router tests.
actor MemoryAutoShareRepository: AutoShareRepository {
    private var rows: [AutoShareJob] = []
    private var nextID: Int64 = 1
    /// A connection's platform and Mastodon instance URL, as PostgreSQL finds them by joining
    /// `social_connections`.
    private let connections: @Sendable (Int64) async -> (platform: PlatformName, instanceURL: String?)?

    /// `connections` names each connection's platform and instance; without it, jobs have no
    /// lane and are limited only by the total.
    init(connections: @escaping @Sendable (Int64) async -> (platform: PlatformName, instanceURL: String?)? = { _ in nil }) {
        self.connections = connections
    }

    func enqueue(_ jobs: [NewAutoShareJob]) async throws -> Int {
        var created = 0
        for job in jobs where !rows.contains(where: { $0.eventID == job.eventID && $0.connectionID == job.connectionID }) {
            rows.append(
                AutoShareJob(
                    id: nextID, eventID: job.eventID, ruleID: job.ruleID, connectionID: job.connectionID, userID: job.userID,
                    message: job.message.flatMap { $0.isEmpty ? nil : $0 }, state: .waiting, detail: nil, outcome: nil, shareID: nil, attempts: 0,
                    runAfter: job.runAfter))
            nextID += 1
            created += 1
        }
        return created
    }

    /// As `PostgresAutoShareRepository.queueStatistics`: waiting, parked, and the longest-due job's wait.
    func queueStatistics() async throws -> AutoShareQueueStatistics {
        let open = rows.filter { $0.state != .done }
        let now = Date()
        return AutoShareQueueStatistics(
            waiting: open.filter { $0.state == .waiting }.count, parked: open.filter { $0.state == .waitingReconnect }.count,
            oldestDueAge: open.map(\.runAfter).filter { $0 <= now }.min().map { now.timeIntervalSince($0) })
    }

    func claimDue(limit: Int, perLane: Int, busy: [String: Int]) async throws -> [AutoShareJob] {
        var found: [Int64: (platform: PlatformName, instanceURL: String?)?] = [:]
        for id in Set(rows.filter { $0.state != .done && $0.runAfter <= Date() }.map(\.connectionID)) {
            found.updateValue(await connections(id), forKey: id)
        }
        // Nothing below suspends, so the claim is atomic like the SQL statement; a job added while
        // platforms were looked up waits for the next claim.
        for index in rows.indices
        where rows[index].state != .done && rows[index].runAfter <= Date() && rows[index].attempts >= AutoShareJob.maxAttempts {
            rows[index].state = .done
            rows[index].outcome = .failed
            rows[index].detail = AutoShareJob.exhaustedDetail
        }
        // Oldest first within each lane, as the SQL ranks them.
        var taken = busy
        var claimed: [AutoShareJob] = []
        let due = rows.indices.filter { rows[$0].state != .done && rows[$0].runAfter <= Date() }
            .sorted { (rows[$0].runAfter, rows[$0].id) < (rows[$1].runAfter, rows[$1].id) }
        for index in due where claimed.count < limit {
            guard let connection = found[rows[index].connectionID] else { continue }
            let lane = connection.map { AutoShareJob.lane(platform: $0.platform, instanceURL: $0.instanceURL) }
            if let lane {
                guard taken[lane, default: 0] < perLane else { continue }
                taken[lane, default: 0] += 1
            }
            rows[index].attempts += 1
            rows[index].runAfter = Date().addingTimeInterval(300)
            rows[index].platform = connection?.platform
            rows[index].lane = lane
            claimed.append(rows[index])
        }
        return claimed
    }

    func finish(id: Int64, outcome: AutoShareJob.Outcome, shareID: Int64?, detail: String?) async throws {
        guard let index = rows.firstIndex(where: { $0.id == id }) else { return }
        rows[index].state = .done
        rows[index].outcome = outcome
        rows[index].shareID = shareID
        rows[index].detail = detail
    }

    func park(id: Int64, reason: String, retryAt: Date, attempted: Bool) async throws {
        guard let index = rows.firstIndex(where: { $0.id == id }) else { return }
        if !attempted { rows[index].attempts = max(rows[index].attempts - 1, 0) }
        rows[index].state = .waitingReconnect
        rows[index].detail = reason
        rows[index].runAfter = retryAt
    }

    /// Deletes the jobs of these connections or of this person (the memory form of the cascade).
    func remove(connectionIDs: Set<Int64> = [], userID: String? = nil) {
        rows.removeAll { connectionIDs.contains($0.connectionID) || $0.userID == userID }
    }

    func jobs(userID: String, limit: Int) async throws -> [AutoShareJob] {
        Array(rows.filter { $0.userID == userID }.reversed().prefix(limit))
    }
}
