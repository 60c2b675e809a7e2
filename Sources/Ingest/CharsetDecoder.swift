#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Turns bytes in a named character set into UTF-8, never stopping at a bad byte.
///
/// libxml2 hands conversion to iconv and abandons the rest of the document at the first byte
/// the charset does not define (0x81 in windows-1252, 0x98 in windows-1251), so pages and feeds
/// are decoded here first and libxml2 only ever sees UTF-8. A byte (or byte sequence) the
/// charset does not define becomes U+FFFD REPLACEMENT CHARACTER and decoding goes on, as the
/// WHATWG Encoding Standard's "replacement" error mode does
/// (https://encoding.spec.whatwg.org/#concept-encoding-process). U+FFFD rather than the byte's
/// Latin-1 reading: the latter would put C1 control characters into titles.
enum CharsetDecoder {
    /// UTF-8 text and how many undefined bytes (or sequences) were replaced by U+FFFD.
    struct Decoded: Sendable, Equatable {
        /// The text as UTF-8 bytes; always valid UTF-8.
        var utf8: [UInt8]
        /// The number of U+FFFD substitutions; 0 means the bytes fit the charset exactly.
        var replacements: Int
    }

    /// Whether `encoding` (an iconv name such as `WINDOWS-1252`) can be decoded.
    static func supports(_ encoding: String) -> Bool {
        if isUTF8(encoding) { return true }
        guard let converter = open(encoding) else { return false }
        iconv_close(converter)
        return true
    }

    /// Decodes `bytes` from `encoding`, replacing what the charset does not define. `nil`
    /// when `encoding` is unknown.
    static func decode(_ bytes: [UInt8], from encoding: String) -> Decoded? {
        if isUTF8(encoding) { return decodeUTF8(bytes) }
        guard let converter = open(encoding) else { return nil }
        defer { iconv_close(converter) }
        return convert(bytes, with: converter)
    }

    /// Validates UTF-8, replacing each maximal invalid subsequence with U+FFFD (Swift's own
    /// repair, which follows the Unicode recommendation the WHATWG decoder uses).
    static func decodeUTF8(_ bytes: [UInt8]) -> Decoded {
        if let valid = String(validating: bytes, as: UTF8.self) { return Decoded(utf8: Array(valid.utf8), replacements: 0) }
        let repaired = String(decoding: bytes, as: UTF8.self)
        // U+FFFD already present in the input (EF BF BD) is text, not a replacement.
        let present = bytes.indices.dropLast(2).count { bytes[$0] == 0xEF && bytes[$0 + 1] == 0xBF && bytes[$0 + 2] == 0xBD }
        let replacements = repaired.unicodeScalars.count { $0 == "\u{FFFD}" } - present
        return Decoded(utf8: Array(repaired.utf8), replacements: max(replacements, 1))
    }

    /// Whether `bytes` contain at least one well-formed multi-byte UTF-8 sequence: text with
    /// none is ASCII or a legacy charset, never UTF-8 with a few damaged bytes.
    static func containsMultibyteUTF8(_ bytes: [UInt8]) -> Bool {
        String(decoding: bytes, as: UTF8.self).unicodeScalars.contains { !$0.isASCII && $0 != "\u{FFFD}" }
    }

    private static func isUTF8(_ encoding: String) -> Bool {
        let name = encoding.uppercased()
        return name == "UTF-8" || name == "UTF8"
    }

    private static func open(_ encoding: String) -> iconv_t? {
        let converter = iconv_open("UTF-8", encoding)
        guard let converter, converter != iconv_t(bitPattern: -1) else { return nil }
        return converter
    }

    /// Runs iconv in chunks; on an undefined or truncated sequence writes U+FFFD, skips one
    /// byte and goes on. Output is at most 3 bytes per input byte plus iconv's own expansion,
    /// so memory stays proportional to the (already size-capped) input.
    private static func convert(_ input: [UInt8], with converter: iconv_t) -> Decoded {
        var output: [UInt8] = []
        output.reserveCapacity(input.count + input.count / 2)
        var replacements = 0
        let chunkSize = 64 * 1024
        var chunk = [CChar](repeating: 0, count: chunkSize)
        input.withUnsafeBufferPointer { inputBuffer in
            guard let base = inputBuffer.baseAddress else { return }
            var inPointer = UnsafeMutablePointer(mutating: UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self))
            var inLeft = inputBuffer.count
            while inLeft > 0 {
                let result = chunk.withUnsafeMutableBufferPointer { chunkBuffer -> (written: Int, failed: Bool, error: Int32) in
                    var outPointer = chunkBuffer.baseAddress
                    var outLeft = chunkBuffer.count
                    var inOptional: UnsafeMutablePointer<CChar>? = inPointer
                    let status = iconv(converter, &inOptional, &inLeft, &outPointer, &outLeft)
                    let failed = status == -1
                    let error = failed ? errno : 0
                    if let moved = inOptional { inPointer = moved }
                    return (chunkBuffer.count - outLeft, failed, error)
                }
                output.append(contentsOf: chunk[0..<result.written].lazy.map { UInt8(bitPattern: $0) })
                guard result.failed else { break }
                if result.error == E2BIG { continue }
                // EILSEQ (undefined) or EINVAL (cut short at the end): replace one byte, go on.
                output += [0xEF, 0xBF, 0xBD]
                replacements += 1
                inPointer += 1
                inLeft -= 1
                // Reset any shift state (ISO-2022-JP) so the next byte starts cleanly.
                iconv(converter, nil, nil, nil, nil)
            }
        }
        return Decoded(utf8: output, replacements: replacements)
    }
}
