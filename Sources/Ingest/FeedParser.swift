import Foundation

/// Parses RSS, Atom and JSON Feed documents into `ParsedFeed`, never touching the network.
///
/// The format is detected from the content, not the `Content-Type` (servers label feeds
/// `text/html`, `text/plain` or `application/octet-stream` all the time): a document whose
/// first non-blank character is `{` is JSON Feed; otherwise it is parsed as XML and the root
/// element decides (`rss` → RSS 0.9x/2.0, `rdf:RDF` → RSS 0.90/1.0, `feed` in the Atom 1.0,
/// 0.3 or a pre-1.0 draft namespace → Atom).
///
/// XML is decoded to UTF-8 first (`CharsetResolver.decodeFeed`: BOM › XML declaration › HTTP
/// charset › UTF-8 › windows-1252, undefined bytes replaced by U+FFFD), its entity references
/// repaired (`FeedMarkupRepair`: bare `&` and HTML entities), then parsed by libxml2 in
/// recovery mode without network access, DTD loading or entity expansion. A malformed feed
/// gives the items that could be recovered, with the parser's first complaint in `problems`.
package enum FeedParser {
    /// The largest feed accepted by default (8 MiB).
    package static let defaultMaximumBytes = 8 * 1024 * 1024

    /// Parses `data`, fetched from `feedURL` with the `contentType` header value (`nil`
    /// when unknown). Relative links resolve against `feedURL` (or the feed's own bases).
    ///
    /// - Throws: `IngestError.tooLarge` over `maximumBytes`; `.emptyDocument` for a blank
    ///   body; `.notAFeed` for HTML, other XML or other JSON; `.unparseable` when neither a
    ///   root element nor a JSON object can be recovered.
    package static func parse(
        data: [UInt8], feedURL: URL, contentType: String?, maximumBytes: Int = defaultMaximumBytes
    ) throws(IngestError) -> ParsedFeed {
        guard data.count <= maximumBytes else { throw IngestError.tooLarge(byteCount: data.count, limit: maximumBytes) }
        let start = data.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        guard let first = data[start...].first(where: { !" \t\r\n".utf8.contains($0) }) else {
            throw IngestError.emptyDocument()
        }
        if first == UInt8(ascii: "{") { return try parseJSONFeed(Array(data[start...]), feedURL: feedURL) }
        return try parseXMLFeed(data, feedURL: feedURL, contentType: contentType)
    }

    /// `Data` convenience for `parse(data:feedURL:contentType:maximumBytes:)`.
    package static func parse(
        data: Data, feedURL: URL, contentType: String?, maximumBytes: Int = defaultMaximumBytes
    ) throws(IngestError) -> ParsedFeed {
        try parse(data: [UInt8](data), feedURL: feedURL, contentType: contentType, maximumBytes: maximumBytes)
    }

    private static func parseJSONFeed(_ bytes: [UInt8], feedURL: URL) throws(IngestError) -> ParsedFeed {
        let value: Any
        do {
            value = try JSONSerialization.jsonObject(with: Data(bytes))
        } catch {
            throw IngestError.unparseable("it starts like JSON but is not valid JSON (\(error.localizedDescription))")
        }
        guard let object = value as? [String: Any] else {
            throw IngestError.notAFeed(found: "JSON that is not an object")
        }
        let version = object["version"] as? String ?? ""
        guard version.contains("jsonfeed.org") || object["items"] is [Any] else {
            throw IngestError.notAFeed(found: "JSON without a JSON Feed version or items")
        }
        return JSONFeedReader.read(object: object, feedURL: feedURL)
    }

    private static func parseXMLFeed(
        _ bytes: [UInt8], feedURL: URL, contentType: String?
    ) throws(IngestError)
        -> ParsedFeed
    {
        let decoded = CharsetResolver.decodeFeed(bytes, contentType: contentType)
        let document = LibXML.parseXML(utf8: FeedMarkupRepair.repair(decoded.utf8))
        guard let root = document.root else {
            throw IngestError.unparseable("no XML element could be recovered (\(document.wellFormednessError ?? "unknown error"))")
        }
        var feed: ParsedFeed
        switch (root.name.lowercased(), root.namespace) {
        case ("rss", _):
            feed = RSSFeedReader.read(root: root, feedURL: feedURL, format: .rss)
        case ("rdf", XMLNamespace.rdf):
            feed = RSSFeedReader.read(root: root, feedURL: feedURL, format: .rdf)
        case ("feed", let namespace?) where XMLNamespace.isAtom(namespace):
            feed = AtomFeedReader.read(root: root, feedURL: feedURL)
        case ("html", _):
            throw IngestError.notAFeed(found: "an HTML page")
        case ("feed", _):
            throw IngestError.notAFeed(found: "a <feed> element outside the Atom namespaces (\(XMLNamespace.atom) or Atom 0.3's)")
        default:
            throw IngestError.notAFeed(found: "XML with a <\(root.name)> root element")
        }
        feed.problems.insert(contentsOf: decoded.problems, at: 0)
        if let error = document.wellFormednessError {
            feed.problems.insert(
                "The feed is not well-formed XML (\(error)); \(feed.items.count) item(s) were recovered "
                    + "and anything after the error may be missing. Ask the publisher to fix the feed.",
                at: 0)
        }
        return feed
    }
}
