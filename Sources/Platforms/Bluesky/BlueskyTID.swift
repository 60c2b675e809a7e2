import Foundation

/// Timestamp identifiers (https://atproto.com/specs/tid): 64 bits — a zero bit, 53 bits of
/// microseconds since the Unix epoch and a 10-bit clock id — written as 13 characters of
/// base32-sortable. Used as the post's record key, chosen here so an unknown outcome can be
/// looked up (docs/platforms/bluesky.md, "Safe retries").
enum BlueskyTID {
    static let alphabet = Array("234567abcdefghijklmnopqrstuvwxyz")

    static func make(at date: Date = Date(), clockID: UInt64 = UInt64.random(in: 0..<1024)) -> String {
        // Clamped, never trapping: a date before 1970 or past 2255 has no TID of its own.
        let seconds = min(max(date.timeIntervalSince1970, 0), 9_007_199_254)
        let micros = UInt64(seconds * 1_000_000) & ((1 << 53) - 1)
        var value = (micros << 10) | (clockID & 0x3FF)
        var characters = [Character](repeating: "2", count: 13)
        for index in stride(from: 12, through: 0, by: -1) {
            characters[index] = alphabet[Int(value & 31)]
            value >>= 5
        }
        return String(characters)
    }

    /// TID syntax: 13 characters of the alphabet, the first one of its first 16.
    static func isValid(_ text: String) -> Bool {
        let characters = Array(text)
        guard characters.count == 13, let first = characters.first, alphabet.prefix(16).contains(first) else { return false }
        return characters.allSatisfy(alphabet.contains)
    }
}
