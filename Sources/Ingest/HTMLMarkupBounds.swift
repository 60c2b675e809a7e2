import Foundation

/// A linear, byte-level pass over an HTML page before libxml2 sees it, bounding the structures
/// that make libxml2 slow or make it give up (README.md, "Limits"):
///
/// - **NUL bytes are removed.** libxml2's HTML parser takes a NUL for the end of the input, so
///   a page starting with one yielded nothing. Browsers drop or replace NULs too (WHATWG HTML,
///   "Tokenization": a U+0000 in data is a parse error and is ignored or replaced).
/// - **A start tag keeps its first `maximumAttributes` attributes.** libxml2 2.9 compares each
///   new attribute with every earlier one of the same tag (`htmlParseStartTag`), so one tag with
///   40,000 attributes cost 13–20 s. libxml2 keeps the first of duplicates, as we do.
/// - **Elements nested deeper than `maximumDepth` are flattened**: their start tags (and the
///   matching end tags) are left out, their content is kept. libxml2's tree builder stops the
///   whole parse at depth 256 ("Excessive depth in document"), losing every tag after it.
///   End tags that close nothing this pass saw open are left out too: libxml2 ignores them,
///   after a search of its open elements that made a page of them cost depth × count.
/// - **Past `maximumNodes` elements and comments, only metadata is kept**: `meta`, `link`,
///   `title`, `base`, `script`, `time` and elements with an `itemprop`, at most
///   `maximumLateMetadata` more of them; other tags and comments are left out, text is kept.
///   libxml2 builds a node for each (about 200 bytes), so 2 million `<li>` in 8 MB took 400 MB.
///
/// Only start tags, end tags, comments, `<!…>`/`<?…>` declarations and the raw text of
/// `script` and `style` are recognised, the way libxml2's HTML parser splits them; every byte
/// outside a dropped attribute or tag is copied unchanged. The input must be in an
/// ASCII-compatible encoding (`isASCIICompatible`), where `<`, `>`, quotes, `=` and `/` are
/// never part of a multi-byte character.
enum HTMLMarkupBounds {
    /// Attributes kept per start tag. Real pages stay far below (a few dozen at most).
    static let maximumAttributes = 256
    /// Open elements kept, below libxml2's limit of 256 with room for the `html`, `head`
    /// and `body` it implies and for the elements this approximation fails to close.
    static let maximumDepth = 192
    /// Elements and comments passed on before only metadata is kept. Most pages have a few
    /// thousand; past the limit metadata tags still pass, so a huge page loses only structure
    /// (whether a late `<time>` is inside an `<article>`).
    static let maximumNodes = 50_000
    /// Metadata elements passed on after `maximumNodes`.
    static let maximumLateMetadata = 10_000
    /// Bytes of an element name that count for matching end tags.
    private static let nameMemory = 32

    private static let voidElements: Set<UInt64> = names(
        [
            "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
            "basefont", "frame", "isindex", "keygen",
        ])
    /// Elements a new one of the same name closes (HTML's optional end tags), so a list of
    /// unclosed `<p>` or `<li>` does not count as nesting.
    private static let selfClosing: Set<UInt64> = names(["p", "li", "dt", "dd", "option", "tr", "td", "th", "a"])
    /// Elements never dropped: metadata extraction reads them, and none of them nests.
    private static let alwaysKept: Set<UInt64> = names(["script", "style", "title"])
    /// End tags kept even when this pass saw no matching start tag: the elements it does not
    /// track, the ones libxml2 implies, and `</p>` and `</br>`, which HTML turns into elements.
    private static let keptEndTags: Set<UInt64> = names(["script", "style", "title", "html", "head", "body", "p", "br"])
    private static let metadataElements: Set<UInt64> = names(["meta", "link", "title", "base", "script", "time"])
    private static let paragraphOrBreak: Set<UInt64> = names(["p", "br"])
    private static let itemprop = Array("itemprop".utf8)
    private static let commentEnd = Array("-->".utf8)
    private static let rawText: [UInt64: [UInt8]] = [
        nameKey(Array("script".utf8)): Array("script".utf8), nameKey(Array("style".utf8)): Array("style".utf8),
    ]

    private static func names(_ list: [String]) -> Set<UInt64> { Set(list.map { nameKey(Array($0.utf8)) }) }

    /// An element name as a number (FNV-1a of its first `nameMemory` bytes, lower-cased), so
    /// that matching tags allocates nothing; a collision only mismatches two odd tag names.
    static func nameKey<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes.prefix(nameMemory) {
            hash = (hash ^ UInt64(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)) &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// Whether `encoding` (a name `CharsetResolver` chose) keeps ASCII bytes as ASCII, so that
    /// `bounded` may run on the undecoded bytes.
    static func isASCIICompatible(_ encoding: String) -> Bool {
        let name = encoding.uppercased()
        let prefixes = [
            "UTF-8", "UTF8", "WINDOWS-", "CP", "ISO-8859-", "ISO8859-", "LATIN", "KOI8", "EUC-", "GB", "BIG5",
            "SHIFT_JIS", "SJIS", "US-ASCII", "ASCII", "MAC", "TIS-620", "VISCII", "ARMSCII",
        ]
        // CP037/CP500/CP1026 and friends are EBCDIC; CP932/949/936/125x/866/874 are ASCII-based.
        if name.hasPrefix("CP0") || name.hasPrefix("CP5") || name.hasPrefix("CP10") { return false }
        return prefixes.contains { name.hasPrefix($0) }
    }

    /// `bytes` with NULs removed, attributes past `maximumAttributes` dropped from each start
    /// tag and elements past `maximumDepth` flattened; the input itself when nothing changed.
    static func bounded(_ bytes: [UInt8]) -> [UInt8] {
        let hasNUL = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.map { memchr($0, 0, buffer.count) != nil } ?? false
        }
        let input = hasNUL ? bytes.filter { $0 != 0 } : bytes
        // The scanner reads through a buffer pointer that lives only inside this closure:
        // every index is checked against `count` by the scanner itself.
        let output: [UInt8]? = input.withUnsafeBufferPointer { buffer in
            var scanner = Scanner(input: buffer)
            scanner.run()
            return scanner.changed ? scanner.output : nil
        }
        return output ?? input
    }

    // One table lookup per byte instead of a chain of comparisons: pages are megabytes.
    private static let spaceClass: UInt8 = 1
    private static let closeClass: UInt8 = 2
    private static let slashClass: UInt8 = 4
    private static let equalsClass: UInt8 = 8
    private static let letterClass: UInt8 = 16
    private static let byteClasses: [UInt8] = (0...255).map { value -> UInt8 in
        switch UInt8(value) {
        case 0x20, 0x09, 0x0A, 0x0D, 0x0C: return spaceClass
        case UInt8(ascii: ">"): return closeClass
        case UInt8(ascii: "/"): return slashClass
        case UInt8(ascii: "="): return equalsClass
        case 0x41...0x5A, 0x61...0x7A: return letterClass
        default: return 0
        }
    }

    private static func byteClass(_ byte: UInt8) -> UInt8 {
        byteClasses.withUnsafeBufferPointer { $0[Int(byte)] }
    }

    private struct Scanner {
        let input: UnsafeBufferPointer<UInt8>
        var output: [UInt8] = []
        var changed = false
        /// Names of open elements, innermost last, at most `maximumDepth`.
        var open: [UInt64] = []
        /// How many of each name `open` holds, so an end tag for nothing open costs O(1).
        var openCount: [UInt64: Int] = [:]
        /// Start tags left out because they were too deep, by name, awaiting their end tags.
        var dropped: [UInt64: Int] = [:]
        /// Start of the input not yet copied to `output`.
        var copiedUpTo = 0
        /// Elements and comments passed on so far.
        var nodes = 0
        /// Metadata elements passed on after `maximumNodes`.
        var lateMetadata = 0

        init(input: UnsafeBufferPointer<UInt8>) {
            self.input = input
            output.reserveCapacity(input.count)
        }

        mutating func run() {
            var index = 0
            while let tagStart = find(UInt8(ascii: "<"), from: index) {
                index = markup(at: tagStart)
            }
            flush(upTo: input.count)
        }

        /// Handles the markup starting with the `<` at `start`; returns where scanning resumes.
        mutating func markup(at start: Int) -> Int {
            let next = byte(start + 1)
            if next == UInt8(ascii: "!") || next == UInt8(ascii: "?") {
                let end: Int
                if next == UInt8(ascii: "!"), byte(start + 2) == UInt8(ascii: "-"), byte(start + 3) == UInt8(ascii: "-") {
                    end = (find(commentEnd, from: start + 4).map { $0 + 3 }) ?? input.count
                } else {
                    end = (find(UInt8(ascii: ">"), from: start + 2).map { $0 + 1 }) ?? input.count
                }
                nodes += 1
                if nodes > maximumNodes { leaveOut(start, end) }
                return end
            }
            if next == UInt8(ascii: "/"), isLetter(byte(start + 2)) {
                return endTag(at: start)
            }
            if isLetter(next) {
                return startTag(at: start)
            }
            return start + 1
        }

        mutating func endTag(at start: Int) -> Int {
            let nameEnd = nameEnd(from: start + 2)
            let name = name(start + 2, nameEnd)
            // libxml2 ends an end tag at the first `>`, ignoring anything between.
            let end = (find(UInt8(ascii: ">"), from: nameEnd).map { $0 + 1 }) ?? input.count
            if !dropped.isEmpty, let count = dropped[name], count > 0 {
                dropped[name] = count - 1
                flush(upTo: start)
                copiedUpTo = end
                changed = true
            } else if openCount[name, default: 0] > 0, let position = open.lastIndex(of: name) {
                for closed in open[position...] { openCount[closed, default: 1] -= 1 }
                open.removeSubrange(position...)
            } else if paragraphOrBreak.contains(name) {
                // A stray `</p>` or `</br>` makes an element in libxml2, as in browsers.
                nodes += 1
                if nodes > maximumNodes { leaveOut(start, end) }
            } else if !keptEndTags.contains(name) {
                // An end tag for nothing open: libxml2 ignores it, but only after searching
                // its whole stack, so a page of them would cost depth × count.
                flush(upTo: start)
                copiedUpTo = end
                changed = true
            }
            return end
        }

        mutating func startTag(at start: Int) -> Int {
            flush(upTo: start)
            let tagOutputStart = output.count
            let nameEnd = nameEnd(from: start + 1)
            let name = name(start + 1, nameEnd)
            var index = nameEnd
            var attributes = 0
            var selfClosed = false
            var hasItemprop = false
            var tagEnd = input.count
            // The attribute grammar of libxml2's htmlParseStartTag, simplified: a name, then
            // optionally `=` and a quoted or unquoted value; stray bytes are skipped.
            while index < input.count {
                let attributeStart = index
                index = skipSpace(from: index)
                guard index < input.count else { break }
                let current = input[index]
                if current == UInt8(ascii: ">") {
                    tagEnd = index + 1
                    break
                }
                if current == UInt8(ascii: "/") {
                    if byte(index + 1) == UInt8(ascii: ">") {
                        selfClosed = true
                        tagEnd = index + 2
                        break
                    }
                    index += 1
                    continue
                }
                let nameStart = index
                while index < input.count, !endsAttributeName(at: index) { index += 1 }
                if index - nameStart == itemprop.count, attributes < maximumAttributes,
                    input[nameStart..<index].lazy.map({ $0 | 0x20 }).elementsEqual(itemprop)
                {
                    hasItemprop = true
                }
                let afterName = skipSpace(from: index)
                if byte(afterName) == UInt8(ascii: "=") {
                    index = value(from: skipSpace(from: afterName + 1))
                }
                attributes += 1
                if attributes > maximumAttributes {
                    flush(upTo: attributeStart)
                    copiedUpTo = index
                    changed = true
                }
            }
            index = tagEnd
            if let rawName = rawText[name] {
                index = rawTextEnd(of: rawName, from: tagEnd)
            }
            nodes += 1
            if nodes > maximumNodes {
                if (metadataElements.contains(name) || hasItemprop) && lateMetadata < maximumLateMetadata {
                    lateMetadata += 1
                } else {
                    // Left out with its raw text, so that libxml2 never reads a script as markup.
                    output.removeSubrange(tagOutputStart...)
                    copiedUpTo = index
                    changed = true
                    return index
                }
            }
            if selfClosed || voidElements.contains(name) || alwaysKept.contains(name) { return index }
            if let top = open.last, top == name, selfClosing.contains(name) {
                open.removeLast()
                openCount[name, default: 1] -= 1
            }
            if open.count < maximumDepth {
                open.append(name)
                openCount[name, default: 0] += 1
            } else {
                output.removeSubrange(tagOutputStart...)
                copiedUpTo = tagEnd
                changed = true
                dropped[name, default: 0] += 1
            }
            return index
        }

        /// The end of an attribute value starting at `start`: after its closing quote, or at
        /// the first space or `>` when unquoted.
        func value(from start: Int) -> Int {
            let quote = byte(start)
            if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'"), let quoteByte = quote {
                return (find(quoteByte, from: start + 1).map { $0 + 1 }) ?? input.count
            }
            var index = start
            while index < input.count, byteClass(input[index]) & (spaceClass | closeClass) == 0 { index += 1 }
            return index
        }

        /// Where the raw text of a `script` or `style` ends: at `</name` (any case), as libxml2
        /// ends it in recovery mode.
        func rawTextEnd(of name: [UInt8], from start: Int) -> Int {
            var index = start
            while let candidate = find(UInt8(ascii: "<"), from: index) {
                if byte(candidate + 1) == UInt8(ascii: "/"), self.name(candidate + 2, candidate + 2 + name.count) == nameKey(name) {
                    return candidate
                }
                index = candidate + 1
            }
            return input.count
        }

        /// Leaves `start..<end` out of the output.
        mutating func leaveOut(_ start: Int, _ end: Int) {
            flush(upTo: start)
            copiedUpTo = max(copiedUpTo, end)
            changed = true
        }

        mutating func flush(upTo end: Int) {
            guard copiedUpTo < end else { return }
            output.append(contentsOf: input[copiedUpTo..<end])
            copiedUpTo = end
        }

        func byte(_ index: Int) -> UInt8? {
            index >= 0 && index < input.count ? input[index] : nil
        }

        /// The first `target` at or after `start` (`memchr`, as pages are megabytes of text).
        func find(_ target: UInt8, from start: Int) -> Int? {
            guard start >= 0, start < input.count else { return nil }
            guard let base = input.baseAddress, let found = memchr(base + start, Int32(target), input.count - start)
            else { return nil }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }

        func find(_ needle: [UInt8], from start: Int) -> Int? {
            guard let first = needle.first else { return nil }
            var index = start
            while let candidate = find(first, from: index) {
                if candidate + needle.count <= input.count, input[candidate..<candidate + needle.count].elementsEqual(needle) {
                    return candidate
                }
                index = candidate + 1
            }
            return nil
        }

        func nameEnd(from start: Int) -> Int {
            var index = start
            while index < input.count, byteClass(input[index]) & (spaceClass | closeClass | slashClass) == 0 { index += 1 }
            return index
        }

        /// The `nameKey` of the element name in `start..<end`, clipped to the input.
        func name(_ start: Int, _ end: Int) -> UInt64 {
            let clippedEnd = min(end, input.count)
            guard start < clippedEnd else { return nameKey([UInt8]()) }
            return nameKey(input[start..<clippedEnd])
        }

        func skipSpace(from start: Int) -> Int {
            var index = start
            while index < input.count, isSpace(input[index]) { index += 1 }
            return index
        }

        func isSpace(_ byte: UInt8) -> Bool {
            byteClass(byte) & spaceClass != 0
        }

        func isLetter(_ byte: UInt8?) -> Bool {
            guard let byte else { return false }
            return byteClass(byte) & letterClass != 0
        }

        /// Whether an attribute name ends at `index`: a space, `>`, `=` or `/>`.
        func endsAttributeName(at index: Int) -> Bool {
            let kind = byteClass(input[index])
            if kind & (spaceClass | closeClass | equalsClass) != 0 { return true }
            return kind & slashClass != 0 && byte(index + 1) == UInt8(ascii: ">")
        }
    }
}
