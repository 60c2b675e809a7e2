import Logging
import ServiceLifecycle

/// Runs `services` in a group for exactly as long as `body` runs, then shuts them down
/// gracefully, whether `body` returned or threw. Used to start the sandbox, the demo apps and
/// fakes inside tests.
public func withServiceGroup<T: Sendable>(
    _ services: [any Service], logger: Logger, _ body: @Sendable () async throws -> T
) async throws -> T {
    let group = ServiceGroup(services: services, gracefulShutdownSignals: [], logger: logger)
    return try await withThrowingTaskGroup(of: Void.self) { tasks in
        tasks.addTask { try await group.run() }
        do {
            let result = try await body()
            await group.triggerGracefulShutdown()
            return result
        } catch {
            await group.triggerGracefulShutdown()
            throw error
        }
    }
}
