import Foundation

/// Chooses the character set an HTML document is decoded with.
///
/// Order, following the WHATWG HTML "determining the character encoding" algorithm:
/// 1. a byte-order mark (UTF-8, UTF-16LE, UTF-16BE): it is unambiguous, and browsers let it
///    win even over the HTTP header, so a server mislabelling a BOM-marked file still works;
/// 2. the `charset` parameter of the HTTP `Content-Type` header;
/// 3. `<meta charset>` or `<meta http-equiv="Content-Type" content="…; charset=…">` within the
///    first 4096 bytes (browsers look at 1024; the margin tolerates long comments and scripts);
///    a meta tag claiming UTF-16 means UTF-8, as the ASCII-compatible bytes prove it wrong;
/// 4. UTF-8 when the bytes are valid UTF-8, otherwise windows-1252.
///
/// Labels map to decoders as the WHATWG Encoding Standard says, so `ISO-8859-1`, `latin1` and
/// `US-ASCII` decode as windows-1252 (bytes 0x80–0x9F become curly quotes, €, … as in every
/// browser) and `Shift_JIS` decodes as its Microsoft superset CP932. A label no decoder
/// supports is ignored and the next source is consulted.
///
/// Decoding itself (`utf8(from:encoding:)`, used for pages by `LibXML.parseHTML` and for feeds
/// by `decodeFeed`) replaces bytes the charset does not define with U+FFFD and goes on
/// (`CharsetDecoder`); when the chosen charset does not fit but the bytes are valid UTF-8
/// containing non-ASCII text, they are read as UTF-8 (a mislabelled UTF-8 document decodes
/// without an error only by accident in a legacy charset, never the other way round).
/// Feeds choose their charset differently: see `CharsetResolver+Feed.swift`.
enum CharsetResolver {
    /// Where the chosen encoding came from.
    enum Source: String, Sendable, Equatable {
        case byteOrderMark, httpHeader, metaTag, utf8Validity, fallback
    }

    /// The encoding to hand to libxml2 and how many leading BOM bytes to drop first.
    struct Decision: Sendable, Equatable {
        /// An encoding name libxml2 (or iconv behind it) accepts.
        var encoding: String
        /// Which rule chose `encoding`.
        var source: Source
        /// Length of the byte-order mark to strip, 0 when there is none.
        var byteOrderMarkLength: Int
    }

    /// How many leading bytes are scanned for a `<meta>` charset declaration.
    static let prescanLength = 4096

    /// Applies the order above to `bytes` served with the `contentType` header value.
    static func resolve(bytes: [UInt8], contentType: String?) -> Decision {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return Decision(encoding: "UTF-8", source: .byteOrderMark, byteOrderMarkLength: 3)
        }
        if bytes.starts(with: [0xFF, 0xFE]) {
            return Decision(encoding: "UTF-16LE", source: .byteOrderMark, byteOrderMarkLength: 2)
        }
        if bytes.starts(with: [0xFE, 0xFF]) {
            return Decision(encoding: "UTF-16BE", source: .byteOrderMark, byteOrderMarkLength: 2)
        }
        if let label = charset(fromContentType: contentType), let name = decoderName(forLabel: label) {
            return Decision(encoding: name, source: .httpHeader, byteOrderMarkLength: 0)
        }
        if let label = metaCharset(in: bytes), var name = decoderName(forLabel: label) {
            if name.hasPrefix("UTF-16") { name = "UTF-8" }
            return Decision(encoding: name, source: .metaTag, byteOrderMarkLength: 0)
        }
        if String(validating: bytes, as: UTF8.self) != nil {
            return Decision(encoding: "UTF-8", source: .utf8Validity, byteOrderMarkLength: 0)
        }
        return Decision(encoding: "WINDOWS-1252", source: .fallback, byteOrderMarkLength: 0)
    }

    /// The `charset` parameter of a `Content-Type` value, unquoted, or `nil`.
    static func charset(fromContentType contentType: String?) -> String? {
        guard let contentType else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingWhitespace().lowercased() == "charset" else { continue }
            let value = pair[1].trimmingWhitespace().trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            return value.isEmpty ? nil : value
        }
        return nil
    }

    /// The decoder for an encoding label, or `nil` when neither the table nor libxml2 knows it.
    static func decoderName(forLabel label: String) -> String? {
        let key = label.trimmingWhitespace().lowercased()
        guard !key.isEmpty else { return nil }
        let name = labelTable[key] ?? key.uppercased()
        return CharsetDecoder.supports(name) ? name : nil
    }

    /// `bytes` (without a BOM) decoded from `encoding` as UTF-8, bytes the charset does not
    /// define replaced by U+FFFD. When `encoding` does not fit and the bytes are valid UTF-8
    /// with non-ASCII text, they are read as UTF-8 instead.
    static func utf8(from bytes: [UInt8], encoding: String) -> CharsetDecoder.Decoded {
        let decoded = CharsetDecoder.decode(bytes, from: encoding) ?? CharsetDecoder.decodeUTF8(bytes)
        if decoded.replacements > 0, String(validating: bytes, as: UTF8.self) != nil, CharsetDecoder.containsMultibyteUTF8(bytes) {
            return CharsetDecoder.Decoded(utf8: bytes, replacements: 0)
        }
        return decoded
    }

    /// The charset declared by the first `<meta>` that declares one in the first
    /// `prescanLength` bytes, read as ASCII.
    static func metaCharset(in bytes: [UInt8]) -> String? {
        let prefix = bytes.prefix(prescanLength).map { $0 < 0x80 ? Character(Unicode.Scalar($0)) : "?" }
        let text = String(prefix).lowercased()
        var searchStart = text.startIndex
        while let metaRange = text.range(of: "<meta", range: searchStart..<text.endIndex) {
            let tagEnd = text[metaRange.upperBound...].firstIndex(of: ">") ?? text.endIndex
            let tag = text[metaRange.upperBound..<tagEnd]
            if let value = charsetValue(in: tag) { return value }
            searchStart = tagEnd
        }
        return nil
    }

    /// Finds `charset = value` inside one tag's text (covers both meta forms).
    private static func charsetValue(in tag: Substring) -> String? {
        var rest = tag[...]
        while let found = rest.range(of: "charset") {
            var cursor = found.upperBound
            while cursor < rest.endIndex, rest[cursor] == " " { cursor = rest.index(after: cursor) }
            guard cursor < rest.endIndex, rest[cursor] == "=" else {
                rest = rest[found.upperBound...]
                continue
            }
            let value = rest[rest.index(after: cursor)...]
                .drop { $0 == " " || $0 == "\"" || $0 == "'" }
                .prefix { !" \"';/>".contains($0) }
            return value.isEmpty ? nil : String(value)
        }
        return nil
    }

    /// WHATWG Encoding Standard labels for the encodings pages commonly declare, mapped to
    /// iconv names. Anything else is tried upper-cased as given.
    private static let labelTable: [String: String] = {
        var table: [String: String] = [:]
        let groups: [(String, [String])] = [
            ("UTF-8", ["utf-8", "utf8", "unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "x-unicode20utf8"]),
            (
                "WINDOWS-1252",
                [
                    "windows-1252", "cp1252", "x-cp1252", "iso-8859-1", "iso8859-1", "iso88591", "iso_8859-1",
                    "iso_8859-1:1987", "latin1", "l1", "ascii", "us-ascii", "iso-ir-100", "ibm819", "cp819",
                    "csisolatin1", "ansi_x3.4-1968",
                ]
            ),
            ("CP932", ["shift_jis", "shift-jis", "sjis", "x-sjis", "ms_kanji", "ms932", "windows-31j", "csshiftjis"]),
            ("EUC-JP", ["euc-jp", "x-euc-jp", "cseucpkdfmtjapanese"]),
            ("ISO-2022-JP", ["iso-2022-jp", "csiso2022jp"]),
            ("GBK", ["gbk", "gb2312", "chinese", "x-gbk", "csgb2312", "gb_2312-80"]),
            ("GB18030", ["gb18030"]),
            ("BIG5-HKSCS", ["big5", "big5-hkscs", "cn-big5", "x-x-big5", "csbig5"]),
            ("CP949", ["euc-kr", "ks_c_5601-1987", "windows-949", "cseuckr"]),
            ("WINDOWS-1251", ["windows-1251", "cp1251", "x-cp1251"]),
            ("KOI8-R", ["koi8-r", "koi8", "koi", "cskoi8r"]),
            ("UTF-16LE", ["utf-16", "utf-16le"]),
            ("UTF-16BE", ["utf-16be"]),
        ]
        for (name, labels) in groups {
            for label in labels { table[label] = name }
        }
        return table
    }()
}
