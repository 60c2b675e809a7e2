import Foundation

/// Timestamp formats the platforms use.
enum Timestamps {
    /// ISO 8601 with milliseconds, UTC (`2019-12-05T11:34:47.196Z`, Mastodon `created_at`).
    static func isoMillis(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    /// ISO 8601 with microseconds (`2026-10-30T12:35:00.000000Z`, Mastodon `X-RateLimit-Reset` —
    /// docs/platforms/mastodon.md, "Rate limits").
    static func isoMicros(_ date: Date) -> String {
        let whole = date.formatted(Date.ISO8601FormatStyle())  // yyyy-MM-ddTHH:mm:ssZ
        let micros = Int((date.timeIntervalSince1970 - floor(date.timeIntervalSince1970)) * 1_000_000)
        return String(whole.dropLast()) + "." + String(format: "%06d", micros) + "Z"
    }

    /// Unix epoch seconds (X `x-rate-limit-reset`).
    static func epoch(_ date: Date) -> String { String(Int(date.timeIntervalSince1970)) }
}
