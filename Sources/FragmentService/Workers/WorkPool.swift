import Logging
import ServiceLifecycle

/// Runs leased background work a bounded number of items at once, for the publish-event and
/// auto-share workers. It claims only as many items as it has free slots, so no lease is spent
/// waiting for a slot, and at most `perKey` items of one key (auto-share jobs are keyed by the
/// API server they post to), so one slow server holds only its own slots. It claims again whenever it is woken
/// or an item finishes: while one item is slow, the others keep being claimed and run.
///
/// Every item runs as a child of one task group. On graceful shutdown the pool stops claiming and
/// waits for the items in flight (each is bounded by its own timeouts); if its task is cancelled
/// instead, the items are cancelled with it and their leases pass to another worker.
struct WorkPool<Item: Sendable, Key: Hashable & Sendable>: Sendable {
    /// At most this many items in flight.
    let capacity: Int
    /// At most this many in flight with one key; items without a key count only towards `capacity`.
    let perKey: Int
    /// Claims (and leases) up to `limit` items, and of each key at most `perKey` less the items of
    /// that key in flight (`busy`, which names only keys with items in flight).
    let claim: @Sendable (_ limit: Int, _ perKey: Int, _ busy: [Key: Int]) async throws -> [Item]
    /// The key an item counts against, if any.
    let key: @Sendable (Item) -> Key?
    /// Does one item; settles it itself and never throws.
    let work: @Sendable (Item) async -> Void
    let logger: Logger
    /// What the items are, for the log ("publish events").
    let what: String

    private enum Event: Sendable { case wake, finished(Key?), stop }

    /// Runs until nothing more can be claimed and nothing is in flight. Exposed for tests.
    func drain() async {
        let (events, sink) = AsyncStream.makeStream(of: Event.self)
        await pump(events, sink, untilIdle: true, feeds: [])
    }

    /// Runs until graceful shutdown (then waits for the items in flight) or cancellation. Claims
    /// when `wakeups` fires and every `interval`, after `tick`.
    func run(wakeups: WakeSignal, every interval: Duration, tick: @escaping @Sendable () async -> Void = {}) async {
        let (events, sink) = AsyncStream.makeStream(of: Event.self)
        await withGracefulShutdownHandler {
            await pump(
                events, sink, untilIdle: false,
                feeds: [
                    { sink in for await _ in wakeups.stream { sink.yield(.wake) } },
                    { sink in
                        while !Task.isCancelled {
                            await tick()
                            sink.yield(.wake)
                            try? await Task.sleep(for: interval)
                        }
                    },
                ])
        } onGracefulShutdown: {
            sink.yield(.stop)
        }
    }

    private func pump(
        _ events: AsyncStream<Event>, _ sink: AsyncStream<Event>.Continuation, untilIdle: Bool,
        feeds: [@Sendable (AsyncStream<Event>.Continuation) async -> Void]
    ) async {
        let capacity = max(self.capacity, 1)
        let perKey = max(self.perKey, 1)
        sink.yield(.wake)
        await withDiscardingTaskGroup { group in
            for feed in feeds { group.addTask { await feed(sink) } }
            var inFlight = 0
            var inFlightByKey: [Key: Int] = [:]
            var stopping = false
            // Ends when the task is cancelled, too: the stream then yields nothing more.
            for await event in events {
                switch event {
                case .wake: break
                case .stop: stopping = true
                case .finished(let key):
                    inFlight -= 1
                    // Keys leave the map when their last item finishes, so it names only busy keys.
                    if let key {
                        let left = inFlightByKey[key, default: 1] - 1
                        inFlightByKey[key] = left > 0 ? left : nil
                    }
                }
                var claimed = 0
                if !stopping, inFlight < capacity {
                    for item in await claimLogged(limit: capacity - inFlight, perKey: perKey, busy: inFlightByKey) {
                        let key = self.key(item)
                        inFlight += 1
                        if let key { inFlightByKey[key, default: 0] += 1 }
                        claimed += 1
                        group.addTask {
                            await work(item)
                            sink.yield(.finished(key))
                        }
                    }
                }
                if inFlight == 0, stopping || (untilIdle && claimed == 0) { break }
            }
            sink.finish()
            // Only the feeds are left (or, when cancelled, items that are being cancelled anyway).
            group.cancelAll()
        }
    }

    private func claimLogged(limit: Int, perKey: Int, busy: [Key: Int]) async -> [Item] {
        do {
            return try await claim(limit, perKey, busy)
        } catch {
            logger.error("could not claim \(what)", metadata: ["error": "\(String(reflecting: error))"])
            return []
        }
    }
}
