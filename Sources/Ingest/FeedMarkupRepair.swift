/// Repairs the entity references of a UTF-8 feed before libxml2 parses it.
///
/// libxml2 stops expanding entity references — even `&amp;` — once it has met a single
/// well-formedness error (2.9's `xmlParseReference` returns early when the document is no
/// longer well-formed), so one bare `&` or one HTML entity such as `&eacute;` used to delete
/// every later `&amp;`, `&lt;` and `&gt;`. Numeric character references are always expanded,
/// so outside CDATA sections, comments, processing instructions and the DOCTYPE:
/// - `&amp;` `&lt;` `&gt;` `&quot;` `&apos;` become numeric references;
/// - an HTML 4 named entity (`&eacute;`, `&nbsp;`, `&hellip;`, see `HTMLEntities`) becomes
///   the numeric reference of its character, as feedparser resolves it;
/// - a numeric reference to 0x80–0x9F becomes the windows-1252 character it means, as HTML
///   reads it (https://html.spec.whatwg.org/multipage/parsing.html#numeric-character-reference-end-state);
///   one to a character XML forbids (NUL, a surrogate, beyond U+10FFFF) becomes U+FFFD;
/// - an entity declared in the document's own DTD is left alone (it is never expanded;
///   `LibXML` drops it);
/// - any other `&` — bare, unterminated, or naming an unknown entity — is a literal `&`.
/// Control characters XML forbids (C0 except tab, line feed, carriage return) are removed,
/// for the same reason: one of them is a well-formedness error.
///
/// One pass over the bytes; output grows by at most a few bytes per `&`, so time and memory
/// stay linear in the (size-capped) input.
enum FeedMarkupRepair {
    /// `utf8` with its references repaired as described above.
    static func repair(_ utf8: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(utf8.count + utf8.count / 32)
        var declared: Set<String> = []
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            if byte == ascii("<") {
                if let end = skippedSectionEnd(utf8, at: index) {
                    if starts(utf8, at: index, with: "<!DOCTYPE", caseInsensitive: true) {
                        declared.formUnion(declaredEntities(utf8[index..<end]))
                    }
                    output += utf8[index..<end].lazy.filter(isAllowed)
                    index = end
                    continue
                }
            } else if byte == ascii("&") {
                index = appendReference(utf8, at: index, declared: declared, to: &output)
                continue
            }
            if isAllowed(byte) { output.append(byte) }
            index += 1
        }
        return output
    }

    private static func ascii(_ character: Unicode.Scalar) -> UInt8 { UInt8(character.value) }

    private static func isAllowed(_ byte: UInt8) -> Bool {
        byte >= 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// The end of a CDATA section, comment, processing instruction or DOCTYPE starting at
    /// `index` (after its terminator, or the end of the input), else `nil`.
    private static func skippedSectionEnd(_ utf8: [UInt8], at index: Int) -> Int? {
        for (opening, closing) in [("<![CDATA[", "]]>"), ("<!--", "-->"), ("<?", "?>")] where starts(utf8, at: index, with: opening) {
            return find(closing, in: utf8, from: index + opening.utf8.count) ?? utf8.count
        }
        guard starts(utf8, at: index, with: "<!DOCTYPE", caseInsensitive: true) else { return nil }
        var quote: UInt8?
        var depth = 0
        var cursor = index + 9
        while cursor < utf8.count {
            let byte = utf8[cursor]
            cursor += 1
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == ascii("\"") || byte == ascii("'") {
                quote = byte
            } else if byte == ascii("[") {
                depth += 1
            } else if byte == ascii("]") {
                depth = max(0, depth - 1)
            } else if byte == ascii(">"), depth == 0 {
                return cursor
            }
        }
        return utf8.count
    }

    /// Names declared with `<!ENTITY name …>` (general entities only) in a DOCTYPE.
    private static func declaredEntities(_ doctype: ArraySlice<UInt8>) -> Set<String> {
        let bytes = Array(doctype)
        var names: Set<String> = []
        var cursor = 0
        while let found = find("<!ENTITY", in: bytes, from: cursor) {
            cursor = found
            while cursor < bytes.count, bytes[cursor] == 0x20 || bytes[cursor] == 0x09 || bytes[cursor] == 0x0A || bytes[cursor] == 0x0D {
                cursor += 1
            }
            let name = bytes[cursor...].prefix(while: isNameByte)
            if !name.isEmpty { names.insert(String(decoding: name, as: UTF8.self)) }
        }
        return names
    }

    /// Writes the repaired form of the reference (or bare `&`) at `index`; returns where to go on.
    private static func appendReference(_ utf8: [UInt8], at index: Int, declared: Set<String>, to output: inout [UInt8]) -> Int {
        let literalAmpersand = Array("&#38;".utf8)
        let next = index + 1
        if next < utf8.count, utf8[next] == ascii("#") {
            var cursor = next + 1
            let hex = cursor < utf8.count && (utf8[cursor] == ascii("x") || utf8[cursor] == ascii("X"))
            if hex { cursor += 1 }
            let digits = utf8[cursor...].prefix(12).prefix { hex ? isHexDigit($0) : isDigit($0) }
            let end = cursor + digits.count
            guard !digits.isEmpty, end < utf8.count, utf8[end] == ascii(";") else {
                output += literalAmpersand
                return next
            }
            let value = digits.count > 8 ? nil : UInt32(String(decoding: digits, as: UTF8.self), radix: hex ? 16 : 10)
            output += numericReference(xmlCharacter(value))
            return end + 1
        }
        let name = utf8[next...].prefix(64).prefix(while: isNameByte)
        let end = next + name.count
        guard !name.isEmpty, let first = name.first, !isDigit(first), first != ascii("-"), first != ascii("."),
            end < utf8.count, utf8[end] == ascii(";")
        else {
            output += literalAmpersand
            return next
        }
        let text = String(decoding: name, as: UTF8.self)
        if let codePoint = HTMLEntities.codePoints[text] {
            output += numericReference(codePoint)
            return end + 1
        }
        if declared.contains(text) {
            output += utf8[index...end]
            return end + 1
        }
        output += literalAmpersand
        return next
    }

    /// A character XML allows for a referenced code point (see the type's documentation).
    private static func xmlCharacter(_ value: UInt32?) -> UInt32 {
        guard let value else { return 0xFFFD }
        if (0x80...0x9F).contains(value), let mapped = windows1252[value] { return mapped }
        switch value {
        case 0x09, 0x0A, 0x0D, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return value
        default: return 0xFFFD
        }
    }

    private static func numericReference(_ codePoint: UInt32) -> [UInt8] {
        Array("&#\(codePoint);".utf8)
    }

    /// windows-1252's characters for 0x80–0x9F (https://encoding.spec.whatwg.org/index-windows-1252.txt);
    /// the five bytes it leaves undefined keep their code point.
    private static let windows1252: [UInt32: UInt32] = [
        0x80: 0x20AC, 0x82: 0x201A, 0x83: 0x0192, 0x84: 0x201E, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021,
        0x88: 0x02C6, 0x89: 0x2030, 0x8A: 0x0160, 0x8B: 0x2039, 0x8C: 0x0152, 0x8E: 0x017D, 0x91: 0x2018,
        0x92: 0x2019, 0x93: 0x201C, 0x94: 0x201D, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014, 0x98: 0x02DC,
        0x99: 0x2122, 0x9A: 0x0161, 0x9B: 0x203A, 0x9C: 0x0153, 0x9E: 0x017E, 0x9F: 0x0178,
    ]

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66)
    }

    /// ASCII name characters plus any non-ASCII byte (XML names may be non-ASCII).
    private static func isNameByte(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte >= 0x80
            || byte == 0x5F || byte == 0x3A || byte == 0x2D || byte == 0x2E
    }

    private static func starts(_ utf8: [UInt8], at index: Int, with prefix: String, caseInsensitive: Bool = false) -> Bool {
        let pattern = Array(prefix.utf8)
        guard index >= 0, index + pattern.count <= utf8.count else { return false }
        for (offset, expected) in pattern.enumerated() {
            var actual = utf8[index + offset]
            if caseInsensitive, actual >= 0x61, actual <= 0x7A { actual -= 0x20 }
            if actual != expected { return false }
        }
        return true
    }

    /// The index just after the first `pattern` at or after `start`, or `nil`.
    private static func find(_ pattern: String, in utf8: [UInt8], from start: Int) -> Int? {
        let bytes = Array(pattern.utf8)
        guard let first = bytes.first else { return nil }
        var cursor = max(start, 0)
        while cursor + bytes.count <= utf8.count {
            if utf8[cursor] == first, starts(utf8, at: cursor, with: pattern) { return cursor + bytes.count }
            cursor += 1
        }
        return nil
    }
}
