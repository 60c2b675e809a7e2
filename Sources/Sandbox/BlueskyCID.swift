import Crypto
import Foundation

/// Content identifiers and record keys shaped as atproto writes them: CIDv1 in lower-case base32
/// (`bafkrei…` for raw blobs, `bafyrei…` for records) and 13-character TIDs (docs/platforms/bluesky.md,
/// "Posting"). The record CID hashes the JSON the client sent, not DAG-CBOR: only its shape is real.
enum BlueskyCID {
    static let base32Alphabet = Array("abcdefghijklmnopqrstuvwxyz234567".utf8)
    static let tidAlphabet = Array("234567abcdefghijklmnopqrstuvwxyz".utf8)

    /// CIDv1 with sha2-256: codec 0x55 (raw) for blobs, 0x71 (dag-cbor) for records.
    static func cid(_ data: Data, codec: UInt8) -> String {
        let bytes = [0x01, codec, 0x12, 0x20] + Array(SHA256.hash(data: data))
        return "b" + base32(bytes)
    }

    static func base32(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        for byte in bytes {
            buffer = (buffer << 8) | UInt32(byte)
            bits += 8
            while bits >= 5 {
                bits -= 5
                out.append(base32Alphabet[Int((buffer >> UInt32(bits)) & 31)])
            }
            buffer &= (1 << UInt32(bits)) - 1
        }
        if bits > 0 { out.append(base32Alphabet[Int((buffer << UInt32(5 - bits)) & 31)]) }
        return String(decoding: out, as: UTF8.self)
    }

    /// A TID: microseconds since the epoch over 53 bits, then a 10-bit clock id, sortable base32.
    static func tid(at date: Date, clock: UInt64) -> String {
        let micros = UInt64(max(0, min(date.timeIntervalSince1970, 9_000_000_000)) * 1_000_000) & ((1 << 53) - 1)
        var value = (micros << 10) | (clock & 1023)
        var out = [UInt8](repeating: 0, count: 13)
        for index in stride(from: 12, through: 0, by: -1) {
            out[index] = tidAlphabet[Int(value & 31)]
            value >>= 5
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether a record key is acceptable: 1–512 of `A-Za-z0-9 . - _ : ~`, not `.` or `..`.
    static func validRecordKey(_ key: String) -> Bool {
        guard (1...512).contains(key.utf8.count), key != ".", key != ".." else { return false }
        return key.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || Array(".-_:~".utf8).contains(byte)
        }
    }
}
