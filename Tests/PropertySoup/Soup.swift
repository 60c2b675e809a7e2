import PropertyBased

/// Generators for the property tests of code that reads outside input: text stitched together
/// from pieces that matter to the reader under test, integers anywhere in `Int`'s range, small
/// signed integers and random characters, so every run reaches huge numbers, signs, junk and
/// odd Unicode often, not by luck.
package enum Soup {
    /// One piece: one of `pieces` (most often), or a number, or a random character.
    package static func piece(_ pieces: [String]) -> Generator<String, some Sequence & SendableMetatype> {
        zip(Gen.int(in: 0...9), Gen<String?>.element(of: pieces), Gen.int(), Gen.unicodeScalar(in: "\u{0}"..."\u{D7FF}"))
            .map { choice in
                switch choice.0 {
                case 0: String(choice.2)
                case 1: String(choice.2 % 100)
                case 2: String(choice.3)
                default: choice.1 ?? ""
                }
            }
    }

    /// Up to `parts` pieces joined.
    package static func text(_ pieces: [String], parts: ClosedRange<Int> = 0...24) -> Generator<String, some Sequence & SendableMetatype> {
        piece(pieces).array(of: parts).map { $0.joined() }
    }

    /// Integers biased to the edges: `Int.min`, `Int.max`, zero, small values, powers of ten.
    package static var int: Generator<Int, some Sequence & SendableMetatype> {
        zip(Gen.int(in: 0...5), Gen.int(), Gen.int(in: -1000...1000), Gen.int(in: 0...18))
            .map { choice in
                switch choice.0 {
                case 0: [Int.min, Int.max, 0, -1, 1][abs(choice.1 % 5)]
                case 1: choice.1
                case 2: choice.2
                case 3: Int(pow10: choice.3) * (choice.2 < 0 ? -1 : 1)
                default: choice.2
                }
            }
    }
}

extension Int {
    fileprivate init(pow10 exponent: Int) {
        var value = 1
        for _ in 0..<exponent { value *= 10 }
        self = value
    }
}
