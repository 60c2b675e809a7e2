import Foundation

/// The range of dates the service accepts from outside (pages, feeds, webhook bodies, platform
/// answers): 1970-01-01T00:00:00Z through 9999-12-31T23:59:59Z. A date outside it is treated as
/// no date. Without this bound a huge year overflows the date arithmetic, and a date past
/// PostgreSQL's range (microseconds since 2000 in an Int64) traps when it is bound as a
/// parameter (README.md, "Input handling").
package enum SafeDate {
    /// The calendar years inside the range.
    package static let years: ClosedRange<Int> = 1970...9999
    /// 1970-01-01T00:00:00Z.
    package static let earliest = Date(timeIntervalSince1970: 0)
    /// 9999-12-31T23:59:59Z.
    package static let latest = Date(timeIntervalSince1970: 253_402_300_799)

    /// `date` when it lies inside the range; nil otherwise (also for a NaN interval).
    package static func checked(_ date: Date?) -> Date? {
        guard let date, date >= earliest, date <= latest else { return nil }
        return date
    }

    /// The date `seconds` after 1970-01-01T00:00:00Z, when finite and inside the range.
    package static func unix(seconds: Double) -> Date? {
        guard seconds.isFinite else { return nil }
        return checked(Date(timeIntervalSince1970: seconds))
    }

    /// `seconds` after `date` (for `expires_in`-style answers), when finite and inside the range.
    package static func adding(seconds: Double, to date: Date) -> Date? {
        guard seconds.isFinite else { return nil }
        return checked(date.addingTimeInterval(seconds))
    }

    /// `seconds` after `date`, when inside the range.
    package static func adding(seconds: Int, to date: Date) -> Date? {
        adding(seconds: Double(seconds), to: date)
    }
}
