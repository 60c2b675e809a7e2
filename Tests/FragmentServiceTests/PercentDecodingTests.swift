import Foundation
import Testing

@testable import FragmentService

/// The one percent-decoder gives Foundation's answers (it replaced Foundation's on the hot path).
@Suite struct PercentDecodingTests {
    @Test func formDecodingAgreesWithFoundationOnAwkwardInput() {
        let pieces = ["a", "+", "%", "%2", "%2B", "%20", "%zz", "%E0", "%A4", "%C3%A9", "%FF", "%00", "日", "é", "%e2%82%ac", "=", "%%"]
        // A fixed linear congruential sequence: the same inputs on every run.
        var state: UInt64 = 42
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33)
        }
        for _ in 0..<3_000 {
            var text = ""
            for _ in 0..<(next() % 6 + 1) { text += pieces[next() % pieces.count] }
            let foundation = text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
            #expect(FormFields.decode(Substring(text)) == foundation, "\(text)")
            #expect(FormFields.percentDecode(text, plusIsSpace: false) == text.removingPercentEncoding, "\(text)")
        }
    }
}
