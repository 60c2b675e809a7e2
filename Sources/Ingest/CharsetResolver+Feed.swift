/// How a feed's bytes become UTF-8.
///
/// XML feeds carry their charset in the XML declaration, so the order differs from pages and
/// follows feedparser's documented fallback
/// (https://feedparser.readthedocs.io/en/latest/character-encoding.html):
/// 1. a byte-order mark (UTF-8, UTF-16LE/BE), or UTF-16 recognised from `<?` in its first bytes;
/// 2. the first of these that decodes every byte: the XML declaration's `encoding`, the HTTP
///    `charset`, UTF-8 (labels mapped as for pages, so ISO-8859-1 is windows-1252; a label no
///    decoder knows is skipped and reported; a UTF-16 label on bytes that are not UTF-16 is
///    skipped, as the declaration itself proves it wrong);
/// 3. when none fits: the first declared charset, with the bytes it does not define replaced
///    by U+FFFD; with no usable declaration (or a UTF-8 one over bytes holding no UTF-8 text at
///    all), UTF-8 if the bytes hold some UTF-8 text, else windows-1252 — both with U+FFFD for
///    what they cannot decode.
extension CharsetResolver {
    /// A feed decoded to UTF-8, the decoder used and sentences for `ParsedFeed.problems`.
    struct FeedDecoding: Sendable, Equatable {
        /// The document as UTF-8, without a byte-order mark.
        var utf8: [UInt8]
        /// The decoder that produced `utf8`.
        var encoding: String
        /// What a publisher should fix (unknown labels, undefined bytes); empty when clean.
        var problems: [String]
    }

    /// Applies the order above to a feed served with the `contentType` header value.
    static func decodeFeed(_ bytes: [UInt8], contentType: String?) -> FeedDecoding {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return finish(Array(bytes.dropFirst(3)), "UTF-8", []) }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0x3C, 0x00, 0x3F, 0x00]) {
            return finish(Array(bytes.dropFirst(bytes.starts(with: [0xFF, 0xFE]) ? 2 : 0)), "UTF-16LE", [])
        }
        if bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0x00, 0x3C, 0x00, 0x3F]) {
            return finish(Array(bytes.dropFirst(bytes.starts(with: [0xFE, 0xFF]) ? 2 : 0)), "UTF-16BE", [])
        }
        var problems: [String] = []
        var declared: [String] = []
        let labels = [("XML declaration", xmlDeclarationEncoding(in: bytes)), ("HTTP Content-Type", charset(fromContentType: contentType))]
        for case (let source, let label?) in labels {
            guard let name = decoderName(forLabel: label) else {
                problems.append("The \(source) names the encoding \"\(label)\", which is not known; it was ignored.")
                continue
            }
            if !name.hasPrefix("UTF-16"), !declared.contains(name) { declared.append(name) }
        }
        for name in declared + (declared.contains("UTF-8") ? [] : ["UTF-8"]) {
            if let decoded = CharsetDecoder.decode(bytes, from: name), decoded.replacements == 0 {
                return FeedDecoding(utf8: decoded.utf8, encoding: name, problems: problems)
            }
        }
        var fallback = declared.first ?? "UTF-8"
        if fallback == "UTF-8", !CharsetDecoder.containsMultibyteUTF8(bytes) { fallback = "WINDOWS-1252" }
        return finish(bytes, fallback, problems)
    }

    private static func finish(_ bytes: [UInt8], _ encoding: String, _ problems: [String]) -> FeedDecoding {
        let decoded = CharsetDecoder.decode(bytes, from: encoding) ?? CharsetDecoder.decodeUTF8(bytes)
        var problems = problems
        if decoded.replacements > 0 {
            problems.append(
                "\(decoded.replacements) byte(s) are not valid \(encoding) and were replaced by U+FFFD; "
                    + "the feed's declared encoding may be wrong.")
        }
        return FeedDecoding(utf8: decoded.utf8, encoding: encoding, problems: problems)
    }

    /// The `encoding` pseudo-attribute of an XML declaration at the very start of `bytes`
    /// (read as ASCII; only an ASCII-compatible document can declare one legibly).
    static func xmlDeclarationEncoding(in bytes: [UInt8]) -> String? {
        let head = bytes.prefix(512).map { $0 < 0x80 ? Character(Unicode.Scalar($0)) : "?" }
        let text = String(head)
        let trimmed = text.drop { $0.isWhitespace }
        guard trimmed.hasPrefix("<?xml"), let end = trimmed.range(of: "?>") else { return nil }
        let declaration = trimmed[..<end.lowerBound]
        guard let key = declaration.range(of: "encoding") else { return nil }
        let afterKey = declaration[key.upperBound...].drop { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        guard afterKey.first == "=" else { return nil }
        let value = afterKey.dropFirst().drop { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        guard let quote = value.first, quote == "\"" || quote == "'" else { return nil }
        let label = value.dropFirst().prefix { $0 != quote }
        return label.isEmpty ? nil : String(label)
    }
}
