import Foundation

/// Numbers that come from outside — query strings, form fields, JSON bodies, headers, platform
/// answers — parsed and range-checked before any arithmetic, so that no input can trap the
/// process (README.md, "Input handling"). Every caller states the range it can compute with.
package enum BoundedNumber {
    /// The longest text read as a number; anything longer is refused without being scanned.
    static let maximumDigits = 40

    /// `text` as a decimal integer inside `range`, or nil: no text, not an integer (junk,
    /// fractions, overflow) or outside `range`. Surrounding spaces are ignored.
    package static func int(_ text: (some StringProtocol)?, in range: ClosedRange<Int>) -> Int? {
        guard let text else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.utf8.count <= maximumDigits, let value = Int(trimmed), range.contains(value) else { return nil }
        return value
    }

    /// `value` rounded toward zero when it is finite and the result lies inside `range`; nil for
    /// NaN, infinities and anything outside (where `Int(value)` would trap).
    package static func int(_ value: Double, in range: ClosedRange<Int>) -> Int? {
        guard value.isFinite, let whole = Int(exactly: value.rounded(.towardZero)), range.contains(whole) else { return nil }
        return whole
    }

    /// `value` limited to `range`, rounded toward zero; NaN gives the lower bound.
    package static func clamp(_ value: Double, to range: ClosedRange<Int>) -> Int {
        guard !value.isNaN, value > Double(range.lowerBound) else { return range.lowerBound }
        guard value < Double(range.upperBound) else { return range.upperBound }
        // Strictly between two Ints, so representable (Double(Int.max) rounds up to 2^63).
        return clamp(Int(value), to: range)
    }

    /// `value` limited to `range`.
    package static func clamp(_ value: Int, to range: ClosedRange<Int>) -> Int {
        min(max(value, range.lowerBound), range.upperBound)
    }
}
