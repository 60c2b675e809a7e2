import Foundation
import PropertyBased
import PropertySoup
import SocialCore
import Testing

/// The helpers every reader of outside numbers and dates goes through (README.md, "Input handling").
@Suite struct BoundedInputTests {
    @Test func integerTextIsReadExactlyWhenItIsInsideTheRange() async {
        await propertyCheck(count: 1000, input: Soup.int, Soup.int, Soup.int) { value, a, b in
            let range = min(a, b)...max(a, b)
            #expect(BoundedNumber.int(String(value), in: range) == (range.contains(value) ? value : nil))
            #expect(BoundedNumber.int(" \(value) ", in: range) == (range.contains(value) ? value : nil))
        }
    }

    @Test func junkIsNeverANumber() async {
        let pieces = ["1", "0", "-", "+", "e", ".", "9223372036854775808", " ", "x", "١"]
        await propertyCheck(count: 1000, input: Soup.text(pieces, parts: 0...8)) { text in
            guard let value = BoundedNumber.int(text, in: -100...100) else { return }
            #expect((-100...100).contains(value))
            #expect(Int(text.trimmingCharacters(in: .whitespaces)) == value, "\(text)")
        }
        #expect(BoundedNumber.int(String(repeating: "0", count: 41) + "1", in: 0...10) == nil)
        #expect(BoundedNumber.int(nil as String?, in: 0...10) == nil)
    }

    static let specialDoubles: [Double] = [
        .nan, .infinity, -.infinity, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 9.223372036854775807e18, -9.223372036854775808e18, 0.5,
        -0.5, 1e-300,
    ]

    @Test func doublesAreClampedOrRefusedNeverTrapped() async {
        await propertyCheck(count: 1000, input: Gen.double(in: -1e30...1e30), Gen<Double?>.element(of: Self.specialDoubles), Soup.int, Soup.int) {
            random, special, a, b in
            let range = min(a, b)...max(a, b)
            for value in [random, special ?? 0, Double(a), Double(b)] {
                #expect(range.contains(BoundedNumber.clamp(value, to: range)), "\(value) in \(range)")
                if let exact = BoundedNumber.int(value, in: range) {
                    #expect(range.contains(exact) && Double(exact) == value.rounded(.towardZero), "\(value)")
                }
            }
        }
        #expect(BoundedNumber.clamp(.nan, to: 3...5) == 3)
        #expect(BoundedNumber.clamp(.infinity, to: Int.min...Int.max) == Int.max)
        #expect(BoundedNumber.int(9.3e18, in: Int.min...Int.max) == nil)
    }

    @Test func datesFromSecondsStayInsideTheStorableRange() async {
        await propertyCheck(count: 1000, input: Gen.double(in: -1e20...1e20), Gen<Double?>.element(of: Self.specialDoubles), Soup.int) {
            seconds, special, whole in
            let now = Date()
            for date in [
                SafeDate.unix(seconds: seconds), SafeDate.unix(seconds: special ?? 0), SafeDate.adding(seconds: whole, to: now),
                SafeDate.adding(seconds: special ?? 0, to: now), SafeDate.unix(seconds: Double(whole)),
            ] {
                guard let date else { continue }
                #expect(date >= SafeDate.earliest && date <= SafeDate.latest)
            }
        }
        let calendar = Calendar(identifier: .gregorian)
        let utc = TimeZone(identifier: "UTC")!
        #expect(calendar.dateComponents(in: utc, from: SafeDate.latest).year == SafeDate.years.upperBound)
        #expect(calendar.dateComponents(in: utc, from: SafeDate.latest.addingTimeInterval(1)).year == SafeDate.years.upperBound + 1)
        #expect(calendar.dateComponents(in: utc, from: SafeDate.earliest).year == SafeDate.years.lowerBound)
    }
}
