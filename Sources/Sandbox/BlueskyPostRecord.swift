import Foundation

/// An `app.bsky.feed.post` record that passed the lexicon's rules and the sandbox's facet check
/// (docs/platforms/bluesky.md, "Posting" and "Limits").
struct BlueskyPostRecord: Sendable {
    var text: String
    var facets: [SandboxFacet]
    var langs: [String]
    var link: String?
    var cardTitle: String?
    var thumb: BlueskyBlob?

    /// Problems come back as the XRPC error the PDS answers.
    struct Refusal: Error {
        var status: Int
        var error: String
        var message: String
    }

    static func invalid(_ detail: String) -> Refusal {
        Refusal(status: 400, error: "InvalidRequest", message: "Invalid app.bsky.feed.post record: \(detail)")
    }

    /// Reads and checks a record; `blob` finds an uploaded blob of the posting account by CID.
    static func read(_ record: [String: Any], blob: (String) -> BlueskyBlob?, now: Date) throws(Refusal) -> BlueskyPostRecord {
        guard record["$type"] as? String == "app.bsky.feed.post" else { throw invalid("Record/$type must be app.bsky.feed.post") }
        guard let text = record["text"] as? String else { throw invalid("Record must have the property \"text\"") }
        guard text.count <= 300 else { throw invalid("Record/text must not be longer than 300 graphemes") }
        guard text.utf8.count <= 3000 else { throw invalid("Record/text must not be longer than 3000 characters") }
        guard let createdAt = record["createdAt"] as? String else { throw invalid("Record must have the property \"createdAt\"") }
        guard let date = Self.datetime(createdAt), abs(date.timeIntervalSince(now)) < 100 * 366 * 86_400 else {
            throw invalid("Record/createdAt must be an valid atproto datetime (both RFC-3339 and ISO-8601)")
        }
        var langs: [String] = []
        if let value = record["langs"] {
            guard let list = value as? [Any], list.count <= 3 else { throw invalid("Record/langs must not have more than 3 elements") }
            for item in list {
                guard let tag = item as? String, Self.isLanguageTag(tag) else { throw invalid("Record/langs must be valid language tags") }
                langs.append(tag)
            }
        }
        try readTags(record["tags"])
        if let reply = record["reply"] { try readReply(reply) }
        if let labels = record["labels"] { try readLabels(labels) }
        let facets = try readFacets(record["facets"], text: text)
        var post = BlueskyPostRecord(text: text, facets: facets, langs: langs)
        if let embed = record["embed"] { try post.readEmbed(embed, blob: blob) }
        return post
    }

    /// An RFC 3339 datetime with a zone, with or without fractional seconds; atproto's datetime format
    /// refuses the "unknown local offset" `-00:00` (docs/platforms/bluesky.md, "Record rules").
    static func datetime(_ text: String) -> Date? {
        guard text.utf8.count <= 64, !text.hasSuffix("-00:00") else { return nil }
        return (try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))) ?? (try? Date(text, strategy: .iso8601))
    }

    /// BCP 47 in the shape the lexicon's `language` format checks: a 2–3 letter primary tag (or `i`/`x`), then subtags.
    static func isLanguageTag(_ tag: String) -> Bool {
        let parts = tag.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (first.count >= 2 && first.count <= 3) || first == "i" || first == "x",
            first.allSatisfy({ $0.isASCII && $0.isLetter })
        else { return false }
        return parts.dropFirst().allSatisfy { (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
    }

    /// Facets: byte ranges inside the text on character boundaries; a link facet must cover exactly its
    /// link's text (the full URL, or the URL without its scheme, possibly cut short with "…" or "...").
    static func readFacets(_ value: Any?, text: String) throws(Refusal) -> [SandboxFacet] {
        guard let value else { return [] }
        guard let list = value as? [Any] else { throw invalid("Record/facets must be an array") }
        let bytes = Array(text.utf8)
        var facets: [SandboxFacet] = []
        for (number, item) in list.enumerated() {
            guard let facet = item as? [String: Any], let index = facet["index"] as? [String: Any] else {
                throw invalid("Record/facets/\(number) must have the property \"index\"")
            }
            guard let start = BlueskyJSON.integer(index["byteStart"], in: 0...Int(Int32.max)),
                let end = BlueskyJSON.integer(index["byteEnd"], in: 0...Int(Int32.max))
            else { throw invalid("Record/facets/\(number)/index must have integer byteStart and byteEnd") }
            guard start < end, end <= bytes.count else {
                throw invalid("Record/facets/\(number)/index is outside the text (\(bytes.count) bytes)")
            }
            guard let covered = String(validating: bytes[start..<end], as: UTF8.self),
                let before = String(validating: bytes[..<start], as: UTF8.self),
                let after = String(validating: bytes[end...], as: UTF8.self)
            else { throw invalid("Record/facets/\(number)/index does not fall on character boundaries") }
            guard let features = facet["features"] as? [Any], !features.isEmpty else {
                throw invalid("Record/facets/\(number)/features must not be empty")
            }
            var uri: String?
            for feature in features {
                guard let object = feature as? [String: Any], let type = object["$type"] as? String else {
                    throw invalid("Record/facets/\(number)/features must be typed objects")
                }
                switch type {
                case "app.bsky.richtext.facet#link":
                    guard let link = object["uri"] as? String, URLComponents(string: link)?.scheme != nil else {
                        throw invalid("Record/facets/\(number)/features/uri must be a valid uri")
                    }
                    guard displays(covered, link: link), endsWord(before.last), startsWord(after.first) else {
                        throw Refusal(
                            status: 400, error: "InvalidRequest",
                            message: "Invalid app.bsky.feed.post record: facet \(number) (bytes \(start)..<\(end)) does not cover its link text")
                    }
                    uri = link
                case "app.bsky.richtext.facet#mention":
                    guard let did = object["did"] as? String, isDID(did) else {
                        throw invalid("Record/facets/\(number)/features/did must be a valid did")
                    }
                case "app.bsky.richtext.facet#tag":
                    guard let tag = object["tag"] as? String else {
                        throw invalid("Record/facets/\(number)/features must have the property \"tag\"")
                    }
                    guard isShortTag(tag) else {
                        throw invalid("Record/facets/\(number)/features/tag must not be longer than 64 graphemes or 640 characters")
                    }
                default:
                    throw invalid("Record/facets/\(number)/features has an unknown $type \(type)")
                }
            }
            facets.append(SandboxFacet(byteStart: start, byteEnd: end, uri: uri, text: covered))
        }
        return facets
    }

    /// DID syntax (https://atproto.com/specs/did): `did:`, a lowercase method, then an identifier of
    /// letters, digits and `._:%-` that does not end in `:` or `%`; at most 2 KiB.
    static func isDID(_ text: String) -> Bool {
        let parts = text.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        guard text.utf8.count <= 2048, parts.count == 3, parts[0] == "did", !parts[1].isEmpty,
            parts[1].allSatisfy({ $0.isASCII && $0.isLowercase }), let last = parts[2].last, last != ":", last != "%"
        else { return false }
        return parts[2].allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._:%-".contains($0)) }
    }

    /// A hashtag as the lexicon bounds it (facet `tag` and the record's `tags`): ≤ 640 UTF-8 bytes, ≤ 64 graphemes.
    static func isShortTag(_ tag: String) -> Bool {
        tag.utf8.count <= 640 && tag.count <= 64
    }

    /// `tags`: at most 8 short strings.
    static func readTags(_ value: Any?) throws(Refusal) {
        guard let value else { return }
        guard let list = value as? [Any], list.count <= 8 else { throw invalid("Record/tags must be an array of at most 8 elements") }
        for (number, item) in list.enumerated() {
            guard let tag = item as? String, isShortTag(tag) else {
                throw invalid("Record/tags/\(number) must be a string of at most 64 graphemes and 640 characters")
            }
        }
    }

    /// `reply`: `root` and `parent`, each a strong reference (an `at://` URI and a CID).
    static func readReply(_ value: Any) throws(Refusal) {
        guard let reply = value as? [String: Any] else { throw invalid("Record/reply must be an object") }
        for side in ["root", "parent"] {
            guard let ref = reply[side] as? [String: Any] else { throw invalid("Record/reply must have the property \"\(side)\"") }
            guard let uri = ref["uri"] as? String, uri.hasPrefix("at://"), uri.utf8.count <= 8192, !uri.contains(where: \.isWhitespace) else {
                throw invalid("Record/reply/\(side)/uri must be a valid at-uri")
            }
            guard let cid = ref["cid"] as? String, isCIDString(cid) else {
                throw invalid("Record/reply/\(side)/cid must be a cid string")
            }
        }
    }

    /// The lexicon's `cid` string format: 8–256 ASCII letters, digits, `+` or `=` (the encoding is not decoded).
    static func isCIDString(_ text: String) -> Bool {
        (8...256).contains(text.utf8.count) && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "=") }
    }

    /// `labels`: a typed object; self-labels carry at most 10 values of at most 128 bytes.
    static func readLabels(_ value: Any) throws(Refusal) {
        guard let labels = value as? [String: Any], let type = labels["$type"] as? String else {
            throw invalid("Record/labels must be an object which includes the \"$type\" property")
        }
        guard type == "com.atproto.label.defs#selfLabels" else { return }
        guard let values = labels["values"] as? [Any], values.count <= 10 else {
            throw invalid("Record/labels/values must be an array of at most 10 elements")
        }
        for (number, item) in values.enumerated() {
            guard let label = item as? [String: Any], let text = label["val"] as? String, text.utf8.count <= 128 else {
                throw invalid("Record/labels/values/\(number) must have the property \"val\" (at most 128 characters)")
            }
        }
    }

    static func displays(_ covered: String, link: String) -> Bool {
        if covered == link { return true }
        var bare = link
        for scheme in ["https://", "http://"] where bare.hasPrefix(scheme) { bare = String(bare.dropFirst(scheme.count)) }
        if covered == bare || covered + "/" == bare { return true }
        for ellipsis in ["…", "..."] where covered.hasSuffix(ellipsis) {
            let shown = String(covered.dropLast(ellipsis.count))
            if shown.count >= 8, bare.hasPrefix(shown) || link.hasPrefix(shown) { return true }
        }
        return false
    }

    /// The character before a link must not continue it.
    static func endsWord(_ character: Character?) -> Bool {
        guard let character else { return true }
        return character.isWhitespace || "([<\"'«“".contains(character)
    }

    /// The character after a link must not continue it.
    static func startsWord(_ character: Character?) -> Bool {
        guard let character else { return true }
        return character.isWhitespace || ")]>\"'.,;:!?»”".contains(character)
    }

    /// `app.bsky.embed.external` only; a thumb must be an uploaded image blob whose ref matches it exactly.
    mutating func readEmbed(_ value: Any, blob: (String) -> BlueskyBlob?) throws(Refusal) {
        guard let embed = value as? [String: Any], let type = embed["$type"] as? String else {
            throw Self.invalid("Record/embed must be an object with $type")
        }
        guard type == "app.bsky.embed.external" else {
            throw Self.invalid("Record/embed $type \(type) is not emulated by the sandbox (only app.bsky.embed.external)")
        }
        guard let external = embed["external"] as? [String: Any] else { throw Self.invalid("Record/embed must have the property \"external\"") }
        guard let uri = external["uri"] as? String, URLComponents(string: uri)?.scheme != nil else {
            throw Self.invalid("Record/embed/external/uri must be a valid uri")
        }
        guard let title = external["title"] as? String else { throw Self.invalid("Record/embed/external must have the property \"title\"") }
        guard external["description"] is String else { throw Self.invalid("Record/embed/external must have the property \"description\"") }
        link = uri
        cardTitle = title
        guard let thumbValue = external["thumb"] else { return }
        guard let thumb = thumbValue as? [String: Any], thumb["$type"] as? String == "blob",
            let ref = (thumb["ref"] as? [String: Any])?["$link"] as? String, let mimeType = thumb["mimeType"] as? String,
            let size = BlueskyJSON.integer(thumb["size"], in: 0...Int(Int32.max))
        else { throw Self.invalid("Record/embed/external/thumb should be a blob ref") }
        // Blobs live in each account's own store: another account's blob is not found (docs/platforms/bluesky.md, "Blobs").
        guard let stored = blob(ref) else {
            throw Refusal(status: 400, error: "BlobNotFound", message: "Could not find blob: \(ref)")
        }
        guard stored.mimeType == mimeType else {
            throw Refusal(
                status: 400, error: "InvalidMimeType",
                message: "Referenced Mimetype does not match stored blob. Expected: \(stored.mimeType), Got: \(mimeType)")
        }
        guard stored.size == size else {
            throw Refusal(
                status: 400, error: "InvalidSize", message: "Referenced Size does not match stored blob. Expected: \(stored.size), Got: \(size)")
        }
        guard stored.mimeType.hasPrefix("image/") else {
            throw Refusal(status: 400, error: "InvalidMimeType", message: "Wrong type of file. It is \(stored.mimeType) but it must match image/*.")
        }
        guard stored.size <= 1_000_000 else {
            throw Refusal(
                status: 400, error: "BlobTooLarge",
                message: "This file is too large. It is \(Self.humanSize(stored.size)) but the maximum size is 976.56KB.")
        }
        self.thumb = stored
    }

    /// Sizes as the PDS prints them: binary kilo/megabytes with two decimals.
    static func humanSize(_ bytes: Int) -> String {
        let kib = Double(bytes) / 1024
        return kib >= 1024 ? String(format: "%.2fMB", kib / 1024) : String(format: "%.2fKB", kib)
    }
}

/// A facet of a Bluesky post as the inspection API lists it.
public struct SandboxFacet: Sendable, Codable, Equatable {
    public var byteStart: Int
    public var byteEnd: Int
    /// The link's URI (nil for mention and tag facets).
    public var uri: String?
    /// The text the byte range covers.
    public var text: String

    enum CodingKeys: String, CodingKey {
        case byteStart = "byte_start", byteEnd = "byte_end", uri, text
    }
}
