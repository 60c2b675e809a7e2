import Foundation
import SocialCore

/// Graph rate-limit usage from `X-App-Usage` and `X-Business-Use-Case-Usage` (docs/platforms/facebook.md,
/// "Usage headers"): percent of the limit used, and minutes until access returns when throttled.
package struct MetaUsage: Sendable, Equatable {
    /// Highest percentage reported by either header (100 = throttled).
    package var percentUsed: Int
    /// `estimated_time_to_regain_access` in minutes (Business Use Case header only); 0 when not throttled.
    package var minutesToRegainAccess: Int

    /// Reads the headers of `response`; nil when neither header is present (they appear only
    /// once usage is non-trivial, docs/platforms/facebook.md, "Usage headers").
    package init?(_ response: PlatformHTTPResponse) {
        var percent = 0
        var minutes = 0
        var found = false
        if let app = response.header("x-app-usage"), let object = Self.json(app) as? [String: Any] {
            found = true
            percent = max(percent, Self.maxPercent(object))
        }
        if let buc = response.header("x-business-use-case-usage"), let object = Self.json(buc) as? [String: Any] {
            found = true
            for case let entries as [[String: Any]] in object.values {
                for entry in entries {
                    percent = max(percent, Self.maxPercent(entry))
                    minutes = max(minutes, Self.number(entry["estimated_time_to_regain_access"], upTo: Self.maximumMinutes))
                }
            }
        }
        guard found else { return nil }
        self.percentUsed = percent
        self.minutesToRegainAccess = minutes
    }

    /// When trying again makes sense, if the headers say.
    package func retryAfter(from now: Date) -> Date? {
        minutesToRegainAccess > 0 ? SafeDate.adding(seconds: minutesToRegainAccess * 60, to: now) : nil
    }

    private static func json(_ text: String) -> Any? { try? JSONSerialization.jsonObject(with: Data(text.utf8)) }

    private static func maxPercent(_ object: [String: Any]) -> Int {
        ["call_count", "total_time", "total_cputime"].map { number(object[$0], upTo: 1000) }.max() ?? 0
    }

    /// A header number clamped to `0...maximum`: `NSNumber.intValue` of a huge or fractional JSON
    /// number is not defined to be safe, and minutes are multiplied by 60.
    private static func number(_ value: Any?, upTo maximum: Int) -> Int {
        guard let number = value as? NSNumber else { return 0 }
        return BoundedNumber.clamp(number.doubleValue, to: 0...maximum)
    }

    /// A week: longer waits are reported as a week (the share can be retried by hand).
    static let maximumMinutes = 7 * 24 * 60
}
