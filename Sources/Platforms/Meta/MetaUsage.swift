import Foundation

/// Graph rate-limit usage from `X-App-Usage` and `X-Business-Use-Case-Usage` (facebook.md §10):
/// percent of the limit used, and minutes until access returns when throttled.
package struct MetaUsage: Sendable, Equatable {
    /// Highest percentage reported by either header (100 = throttled).
    package var percentUsed: Int
    /// `estimated_time_to_regain_access` in minutes (Business Use Case header only); 0 when not throttled.
    package var minutesToRegainAccess: Int

    /// Reads the headers of `response`; nil when neither header is present (they appear only
    /// once usage is non-trivial, facebook.md §10).
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
                    minutes = max(minutes, (entry["estimated_time_to_regain_access"] as? NSNumber)?.intValue ?? 0)
                }
            }
        }
        guard found else { return nil }
        self.percentUsed = percent
        self.minutesToRegainAccess = minutes
    }

    /// When trying again makes sense, if the headers say.
    package func retryAfter(from now: Date) -> Date? {
        minutesToRegainAccess > 0 ? now.addingTimeInterval(TimeInterval(minutesToRegainAccess * 60)) : nil
    }

    private static func json(_ text: String) -> Any? { try? JSONSerialization.jsonObject(with: Data(text.utf8)) }

    private static func maxPercent(_ object: [String: Any]) -> Int {
        ["call_count", "total_time", "total_cputime"].compactMap { (object[$0] as? NSNumber)?.intValue }.max() ?? 0
    }
}
