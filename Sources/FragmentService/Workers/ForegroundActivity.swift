import Dispatch
import Synchronization

/// When this instance last began answering an HTTP request, so background work that only costs
/// CPU can give way to the people and apps waiting for an answer. Resolving a publish event parses
/// a whole page; at a burst of webhooks, eight of those at once on a two-core machine hold up the
/// webhooks' own durable 202s (`make bench`, webhook intake). An event resolved a little later
/// loses nothing: it is stored before the 202.
final class ForegroundActivity: Sendable {
    /// `DispatchTime` uptime nanoseconds of the latest request start; 0 before the first.
    private let lastRequest = Atomic<UInt64>(0)
    /// How long after a request began the instance still counts as busy.
    let window: UInt64

    init(window: Duration = .milliseconds(50)) {
        let (seconds, attoseconds) = window.components
        self.window = UInt64(clamping: seconds) &* 1_000_000_000 &+ UInt64(clamping: attoseconds / 1_000_000_000)
    }

    /// A request has begun.
    func noteRequest() {
        lastRequest.store(DispatchTime.now().uptimeNanoseconds, ordering: .relaxed)
    }

    /// Whether a request began within the window.
    var isBusy: Bool {
        let last = lastRequest.load(ordering: .relaxed)
        guard last > 0 else { return false }
        let now = DispatchTime.now().uptimeNanoseconds
        return now < last || now - last < window
    }
}
