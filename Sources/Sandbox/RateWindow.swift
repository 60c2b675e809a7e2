import Foundation

/// A fixed-window request counter used to emit real rate-limit headers and 429s.
struct RateWindow: Sendable {
    var limit: Int
    var length: TimeInterval
    var start: Date
    var used: Int

    /// Counts one request at `now`; returns false when the limit is already reached.
    mutating func take(at now: Date) -> Bool {
        if now >= start.addingTimeInterval(length) {
            start = now
            used = 0
        }
        guard used < limit else { return false }
        used += 1
        return true
    }

    /// Requests left in the current window.
    var remaining: Int { max(0, limit - used) }
    /// When the current window ends.
    var reset: Date { start.addingTimeInterval(length) }
}
