import Foundation
import SocialCore

/// Lenient parsers for the date formats pages and feeds use, written by hand so they are
/// `Sendable`, locale-free and forgiving of the variants seen in the wild.
///
/// A time without a zone is read as UTC; a date without a time is midnight UTC. A date outside
/// `SafeDate` (years 1970–9999) is no date: a huge year must neither overflow the arithmetic
/// here nor reach PostgreSQL, whose bind traps past its range.
enum DateParser {
    /// Parses ISO 8601 / RFC 3339: `2024-05-01`, `2024-05-01T10:00Z`, `2024-05-01T10:00:00`,
    /// `2024-05-01 10:00:00.250+01:00`, `2024-05-01T10:00:00+0100`, `…+01`.
    static func iso8601(_ text: String) -> Date? {
        let scalars = Array(text.trimmingWhitespace().unicodeScalars)
        var index = 0
        func number(_ digits: Int) -> Int? {
            guard index + digits <= scalars.count else { return nil }
            var value = 0
            for scalar in scalars[index..<index + digits] {
                guard scalar.isASCII, let digit = Int(String(scalar)) else { return nil }
                value = value * 10 + digit
            }
            index += digits
            return value
        }
        func consume(_ character: Character) -> Bool {
            guard index < scalars.count, Character(scalars[index]) == character else { return false }
            index += 1
            return true
        }
        guard let year = number(4), consume("-"), let month = number(2) else { return nil }
        var day = 1
        if consume("-") {
            guard let parsed = number(2) else { return nil }
            day = parsed
        }
        var hour = 0, minute = 0, second = 0
        var fraction = 0.0
        var offset = 0
        if index < scalars.count, consume("T") || consume("t") || consume(" ") {
            guard let h = number(2), consume(":"), let m = number(2) else { return nil }
            hour = h
            minute = m
            if consume(":") {
                guard let s = number(2) else { return nil }
                second = s
                if consume(".") || consume(",") {
                    var digits = ""
                    while index < scalars.count, ("0"..."9").contains(Character(scalars[index])) {
                        digits.append(Character(scalars[index]))
                        index += 1
                    }
                    fraction = Double("0." + digits) ?? 0
                }
            }
            if consume("Z") || consume("z") {
                offset = 0
            } else if index < scalars.count, let sign = ["+": 1, "-": -1][String(scalars[index])] {
                index += 1
                guard let zoneHours = number(2) else { return nil }
                var zoneMinutes = 0
                _ = consume(":")
                if index < scalars.count { zoneMinutes = number(2) ?? 0 }
                offset = sign * (zoneHours * 3600 + zoneMinutes * 60)
            }
        }
        guard index == scalars.count else { return nil }
        return makeDate(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second,
            offset: offset, fraction: fraction)
    }

    /// Parses RFC 822 / RFC 1123 dates as RSS uses them, including common variants: a missing
    /// or misspelt weekday, full month names, two-digit years, missing seconds, named US zones,
    /// `+01:00` offsets and no zone at all.
    static func rfc822(_ text: String) -> Date? {
        let tokens = text.split { $0 == " " || $0 == "," || $0 == "\t" || $0 == "\n" }.map(String.init)
        var day: Int?, month: Int?, year: Int?
        var time: (Int, Int, Int)?
        var offset = 0
        for token in tokens {
            let lower = token.lowercased()
            if token.contains(":"), time == nil, let first = token.first, first.isNumber {
                let parts = token.split(separator: ":").map { Int($0) }
                guard parts.count >= 2, parts.count <= 3, let h = parts[0], let m = parts[1] else { return nil }
                time = (h, m, parts.count == 3 ? (parts[2] ?? 0) : 0)
            } else if let first = token.first, first == "+" || first == "-", token.count >= 3 {
                let digits = token.dropFirst().filter(\.isNumber)
                guard digits.count == 4 || digits.count == 2, let value = Int(digits) else { continue }
                let minutes = digits.count == 4 ? (value / 100) * 60 + value % 100 : value * 60
                offset = (first == "-" ? -1 : 1) * minutes * 60
            } else if let value = Int(token) {
                if day == nil, token.count <= 2 {
                    day = value
                } else if year == nil {
                    year = token.count <= 2 ? (value < 50 ? 2000 + value : 1900 + value) : value
                }
            } else if let zone = namedZones[lower] {
                offset = zone * 3600
            } else if month == nil, let index = monthPrefixes.firstIndex(where: { lower.hasPrefix($0) }) {
                month = index + 1
            }
        }
        guard let day, let month, let year else { return nil }
        let (hour, minute, second) = time ?? (0, 0, 0)
        return makeDate(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second,
            offset: offset, fraction: 0)
    }

    /// Tries ISO 8601 first, then RFC 822: feeds and pages mix them up in both directions.
    static func flexible(_ text: String?) -> Date? {
        guard let text = text?.trimmingWhitespace(), !text.isEmpty else { return nil }
        return iso8601(text) ?? rfc822(text)
    }

    private static let monthPrefixes = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]

    /// Zone names from RFC 822 section 5.1, in hours east of UTC.
    private static let namedZones: [String: Int] = [
        "gmt": 0, "ut": 0, "utc": 0, "z": 0,
        "est": -5, "edt": -4, "cst": -6, "cdt": -5, "mst": -7, "mdt": -6, "pst": -8, "pdt": -7,
    ]

    private static func makeDate(
        year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, offset: Int, fraction: Double
    ) -> Date? {
        // The year is checked before any arithmetic; a year one either side of the range keeps
        // dates that a zone offset moves across New Year, and the final check trims them.
        guard (SafeDate.years.lowerBound - 1...SafeDate.years.upperBound + 1).contains(year),
            (1...12).contains(month), (1...31).contains(day), (0...24).contains(hour),
            (0...59).contains(minute), (0...60).contains(second), (-86_400...86_400).contains(offset), (0...1).contains(fraction)
        else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + min(second, 59) - offset
        return SafeDate.unix(seconds: TimeInterval(seconds) + fraction)
    }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar
    /// (Howard Hinnant's `days_from_civil`).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
