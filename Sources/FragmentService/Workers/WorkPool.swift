import Logging
import ServiceLifecycle

/// Runs leased background work a bounded number of items at once, for the publish-event and
/// auto-share workers. It claims only as many items as it has free slots, so no lease is spent
/// waiting for a slot, and at most `perKey` pieces of one key (auto-share jobs are keyed by the
/// API server they post to), so one slow server holds only its own slots. It claims again
/// whenever it is woken or a piece of work is done: while one is slow, the others keep being
/// claimed and run.
///
/// Every item runs as a child of one task group. On graceful shutdown the pool stops claiming and
/// waits for the items in flight (each is bounded by its own timeouts); if its task is cancelled
/// instead, the items are cancelled with it and their leases pass to another worker.
struct WorkPool<Item: Sendable, Key: Hashable & Sendable>: Sendable {
    /// At most this many pieces of work in flight (an item is one piece, or several: `parts`).
    let capacity: Int
    /// At most this many pieces in flight with one key; pieces without a key count only towards
    /// `capacity`.
    let perKey: Int
    /// While this answers true, at most one piece is in flight: CPU-bound background work gives
    /// way to requests. Asked whenever the pool claims, so full capacity returns with the next
    /// wake-up or finished piece after it turns false.
    var giveWay: (@Sendable () -> Bool)? = nil
    /// Claims (and leases) up to `limit` pieces of work, and of each key at most `perKey` less the
    /// pieces of that key in flight (`busy`, which names only keys with pieces in flight).
    let claim: @Sendable (_ limit: Int, _ perKey: Int, _ busy: [Key: Int]) async throws -> [Item]
    /// The pieces of work an item stands for, each with the key it counts against (or none): one
    /// for most items; a group of auto-share jobs for different servers has one per job.
    let parts: @Sendable (Item) -> [Key?]
    /// Does one item; settles it itself and never throws. It may report a part done before the
    /// whole item is (`done(index)`, an index into its `parts`), which frees that part's slot at
    /// once; parts not reported are freed when it returns.
    let work: @Sendable (Item, _ done: @escaping @Sendable (Int) -> Void) async -> Void
    let logger: Logger
    /// What the items are, for the log ("publish events").
    let what: String

    private enum Event: Sendable { case wake, partDone(item: Int, part: Int), finished(item: Int), stop }

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
            // The parts of each running item not yet done, by item number.
            var running: [Int: [Int: Key?]] = [:]
            var nextItem = 0
            var stopping = false
            func free(_ key: Key?) {
                inFlight -= 1
                // Keys leave the map when their last piece is done, so it names only busy keys.
                guard let key else { return }
                let left = inFlightByKey[key, default: 1] - 1
                inFlightByKey[key] = left > 0 ? left : nil
            }
            // Ends when the task is cancelled, too: the stream then yields nothing more.
            for await event in events {
                switch event {
                case .wake: break
                case .stop: stopping = true
                case .partDone(let item, let part):
                    if let key = running[item]?.removeValue(forKey: part) { free(key) }
                case .finished(let item):
                    for key in (running.removeValue(forKey: item) ?? [:]).values { free(key) }
                }
                var claimed = 0
                let room = (giveWay?() ?? false) ? 1 : capacity
                if !stopping, inFlight < room {
                    for item in await claimLogged(limit: room - inFlight, perKey: perKey, busy: inFlightByKey) {
                        var parts = parts(item)
                        if parts.isEmpty { parts = [nil] }
                        let number = nextItem
                        nextItem &+= 1
                        running[number] = Dictionary(uniqueKeysWithValues: parts.enumerated().map { ($0.offset, $0.element) })
                        inFlight += parts.count
                        for case let key? in parts { inFlightByKey[key, default: 0] += 1 }
                        claimed += 1
                        group.addTask {
                            await work(item) { part in sink.yield(.partDone(item: number, part: part)) }
                            sink.yield(.finished(item: number))
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
