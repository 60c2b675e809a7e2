import Foundation
import Platforms

/// `AutoShareRepository` in memory, for router tests.
actor MemoryAutoShareRepository: AutoShareRepository {
    private var rows: [AutoShareJob] = []
    /// The platform of a connection, as PostgreSQL finds it by joining `social_connections`.
    private let platforms: @Sendable (Int64) async -> PlatformName?

    /// `platforms` names each connection's platform; without it, jobs have none and are limited
    /// only by the total.
    init(platforms: @escaping @Sendable (Int64) async -> PlatformName? = { _ in nil }) {
        self.platforms = platforms
    }

    func enqueue(eventID: Int64, ruleID: Int64, connectionID: Int64, userID: String, message: String?, runAfter: Date) async throws -> Bool {
        guard !rows.contains(where: { $0.eventID == eventID && $0.connectionID == connectionID }) else { return false }
        rows.append(
            AutoShareJob(
                id: Int64(rows.count + 1), eventID: eventID, ruleID: ruleID, connectionID: connectionID, userID: userID, message: message,
                state: "waiting", detail: nil, outcome: nil, shareID: nil, attempts: 0, runAfter: runAfter))
        return true
    }

    func claimDue(limit: Int, room: [PlatformName: Int]) async throws -> [AutoShareJob] {
        var platformOf: [Int64: PlatformName?] = [:]
        for id in Set(rows.filter { $0.state != "done" && $0.runAfter <= Date() }.map(\.connectionID)) { platformOf.updateValue(await platforms(id), forKey: id) }
        // Nothing below suspends, so the claim is atomic like the SQL statement; a job added while
        // platforms were looked up waits for the next claim.
        for index in rows.indices where rows[index].state != "done" && rows[index].runAfter <= Date() && rows[index].attempts >= AutoShareJob.maxAttempts {
            rows[index].state = "done"
            rows[index].outcome = "failed"
            rows[index].detail = AutoShareJob.exhaustedDetail
        }
        var left = room
        var claimed: [AutoShareJob] = []
        for index in rows.indices where rows[index].state != "done" && rows[index].runAfter <= Date() && claimed.count < limit {
            guard let platform = platformOf[rows[index].connectionID] else { continue }
            if let platform {
                guard left[platform, default: 0] > 0 else { continue }
                left[platform, default: 0] -= 1
            }
            rows[index].attempts += 1
            rows[index].runAfter = Date().addingTimeInterval(300)
            rows[index].platform = platform
            claimed.append(rows[index])
        }
        return claimed
    }

    func finish(id: Int64, outcome: String, shareID: Int64?, detail: String?) async throws {
        guard let index = rows.firstIndex(where: { $0.id == id }) else { return }
        rows[index].state = "done"
        rows[index].outcome = outcome
        rows[index].shareID = shareID
        rows[index].detail = detail
    }

    func park(id: Int64, reason: String, retryAt: Date, attempted: Bool) async throws {
        guard let index = rows.firstIndex(where: { $0.id == id }) else { return }
        if !attempted { rows[index].attempts = max(rows[index].attempts - 1, 0) }
        rows[index].state = "waiting_reconnect"
        rows[index].detail = reason
        rows[index].runAfter = retryAt
    }

    func jobs(userID: String, limit: Int) async throws -> [AutoShareJob] {
        Array(rows.filter { $0.userID == userID }.reversed().prefix(limit))
    }
}
