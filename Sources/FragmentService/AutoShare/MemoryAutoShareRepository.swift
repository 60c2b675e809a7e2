import Foundation

/// `AutoShareRepository` in memory, for router tests.
actor MemoryAutoShareRepository: AutoShareRepository {
    private var rows: [AutoShareJob] = []

    func enqueue(eventID: Int64, ruleID: Int64, connectionID: Int64, userID: String, message: String?, runAfter: Date) async throws -> Bool {
        guard !rows.contains(where: { $0.eventID == eventID && $0.connectionID == connectionID }) else { return false }
        rows.append(
            AutoShareJob(
                id: Int64(rows.count + 1), eventID: eventID, ruleID: ruleID, connectionID: connectionID, userID: userID, message: message,
                state: "waiting", detail: nil, outcome: nil, shareID: nil, attempts: 0, runAfter: runAfter))
        return true
    }

    func claimDue(limit: Int) async throws -> [AutoShareJob] {
        var claimed: [AutoShareJob] = []
        for index in rows.indices where rows[index].state != "done" && rows[index].runAfter <= Date() && rows[index].attempts >= AutoShareJob.maxAttempts {
            rows[index].state = "done"
            rows[index].outcome = "failed"
            rows[index].detail = AutoShareJob.exhaustedDetail
        }
        for index in rows.indices where rows[index].state != "done" && rows[index].runAfter <= Date() && claimed.count < limit {
            rows[index].attempts += 1
            rows[index].runAfter = Date().addingTimeInterval(300)
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
