/// Runs `work` but waits at most `deadline` for it: nil when the time is up (the work is then
/// cancelled). Used where a dead database must not hold an answer for the connection pool's
/// minute of retrying: `/readyz` and the queue gauges of `/metrics`.
func withDeadline<T: Sendable>(_ deadline: Duration, _ work: @escaping @Sendable () async throws -> T) async throws -> T? {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await work() }
        group.addTask {
            try? await Task.sleep(for: deadline)
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next() else { return nil }
        return first
    }
}
