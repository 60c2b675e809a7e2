import Foundation

/// The `createRecord` body for an `app.bsky.feed.post` (docs/platforms/bluesky.md, "Posting").
struct BlueskyCreateRecord: Encodable {
    var repo: String
    var collection = "app.bsky.feed.post"
    var rkey: String
    var record: BlueskyPostRecord
}

struct BlueskyPostRecord: Encodable {
    struct Facet: Encodable {
        struct Index: Encodable { var byteStart: Int; var byteEnd: Int }
        struct Link: Encodable {
            var type = "app.bsky.richtext.facet#link"
            var uri: String
            enum CodingKeys: String, CodingKey { case type = "$type", uri }
        }
        var index: Index
        var features: [Link]
    }

    struct Embed: Encodable {
        struct External: Encodable {
            var uri: String
            var title: String
            var description: String
            var thumb: BlueskyBlob?
        }
        var type = "app.bsky.embed.external"
        var external: External
        enum CodingKeys: String, CodingKey { case type = "$type", external }
    }

    var type = "app.bsky.feed.post"
    var text: String
    var createdAt: String
    var langs: [String]?
    var facets: [Facet]
    var embed: Embed

    enum CodingKeys: String, CodingKey { case type = "$type", text, createdAt, langs, facets, embed }

    /// The link facet for `link` ending `text`: UTF-8 byte offsets, start inclusive, end exclusive.
    static func linkFacet(text: String, link: String) -> Facet? {
        guard text.hasSuffix(link), !link.isEmpty else { return nil }
        let end = text.utf8.count
        let start = end - link.utf8.count
        return Facet(index: .init(byteStart: start, byteEnd: end), features: [.init(uri: link)])
    }
}

/// A blob reference as `uploadBlob` answers it and `thumb` carries it, checked.
struct BlueskyBlob: Codable, Sendable, Equatable {
    struct Ref: Codable, Sendable, Equatable {
        var link: String
        enum CodingKeys: String, CodingKey { case link = "$link" }
    }
    var type: String
    var ref: Ref
    var mimeType: String
    var size: Int

    enum CodingKeys: String, CodingKey { case type = "$type", ref, mimeType, size }

    /// An image blob of at most `maxSize` bytes with a plausible CID.
    func usableThumb(maxSize: Int) -> Bool {
        type == "blob" && mimeType.hasPrefix("image/") && mimeType.utf8.count <= 100 && (1...maxSize).contains(size)
            && (1...200).contains(ref.link.utf8.count) && ref.link.unicodeScalars.allSatisfy { $0.isASCII && CharacterSet.alphanumerics.contains($0) }
    }
}
