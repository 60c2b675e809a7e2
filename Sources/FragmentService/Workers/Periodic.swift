import ServiceLifecycle

/// Runs `body`, then waits `interval`, again and again until graceful shutdown or cancellation:
/// the loop of the services that work on a timer (feed polling, token renewal).
func repeatUntilShutdown(every interval: Duration, _ body: @escaping @Sendable () async -> Void) async throws {
    do {
        try await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await body()
                try await Task.sleep(for: interval)
            }
        }
    } catch is CancellationError {}
}
