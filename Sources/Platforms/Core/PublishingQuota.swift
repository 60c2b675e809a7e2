import Foundation

/// How many posts an account may still publish through the API in the platform's rolling
/// window, as the platform reports it (Threads and Instagram: docs/platforms/threads.md and
/// docs/platforms/instagram.md, "Publishing quota").
package struct PublishingQuota: Sendable, Equatable {
    /// Posts published in the window so far.
    package var used: Int
    /// Posts the window allows.
    package var total: Int
    /// The window's length in hours.
    package var windowHours: Int

    /// Posts still allowed in the window (never negative).
    package var left: Int { max(0, total - used) }

    /// The platform's answer, kept only when every number is plausible: a usage from 0 to a
    /// million, a total from 1 to a million, and a window from an hour to a week (a day when
    /// the answer names none). A platform's answer is a claim, so anything else is no answer.
    package init?(used: Int?, total: Int?, windowSeconds: Int?) {
        guard let used, let total, (0...1_000_000).contains(used), (1...1_000_000).contains(total) else { return nil }
        let seconds = windowSeconds.flatMap { (3600...604_800).contains($0) ? $0 : nil } ?? 86_400
        self.used = used
        self.total = total
        self.windowHours = seconds / 3600
    }
}

/// A platform that can say how much of its publishing quota an account has left, asked before
/// posting so the share page can warn. Never throws: nil when the platform did not answer or
/// answered something implausible (publishing then has the last word).
package protocol PublishingQuotaReading: Sendable {
    /// The account's quota now, or nil when it could not be read.
    func publishingQuota(for credentials: StoredCredentials) async -> PublishingQuota?
}

extension PublishingQuota {
    /// The quota as a warning before posting to `platform`.
    package func notice(on platform: PlatformName) -> String {
        let window = "\(windowHours) hour\(windowHours == 1 ? "" : "s")"
        guard left > 0 else {
            return "\(platform.displayName) allows \(total) posts in \(window) from this account and they are used up:"
                + " the post will be refused until some free up."
        }
        return "\(left) of the \(total) posts \(platform.displayName) allows in \(window) are left for this account."
    }
}
