/// Lets request handlers nudge a background worker to look for work now instead of at its next
/// poll. Extra nudges while the worker is busy collapse into one.
final class WakeSignal: Sendable {
    let stream: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation

    init() {
        (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    func wake() { continuation.yield() }
}
