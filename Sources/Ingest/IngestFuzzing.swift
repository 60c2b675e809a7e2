import Foundation
import SocialCore

/// Entry points for the libFuzzer targets in `Fuzz/` (README.md, "Input handling"), which
/// compiles this module's parsing files into a package of its own; nothing else uses them. Each
/// runs one reader over arbitrary bytes and then checks the bounds the rest of the service
/// relies on. A broken bound stops the process, which libFuzzer reports as a crash.
package enum IngestFuzzing {
    private static let documentURL = URL(string: "https://fuzz.example/a/page.html")!

    /// The HTML metadata extractor (libxml2 parse, meta tags, JSON-LD, charset detection).
    package static func html(_ bytes: [UInt8]) {
        // The first byte picks the declared content type, so charset handling is exercised too.
        let types = [nil, "text/html", "text/html; charset=utf-8", "text/html; charset=windows-1252", "text/html; charset=shift_jis"]
        let type = types[Int(bytes.first ?? 0) % types.count]
        guard let metadata = try? HTMLMetadataExtractor.extract(html: bytes, documentURL: documentURL, contentType: type) else { return }
        check(metadata.publishedAt, "publishedAt")
        check(metadata.updatedAt, "updatedAt")
        check(metadata.event?.startDate, "event.startDate")
        check(metadata.event?.endDate, "event.endDate")
        for dimension in [metadata.image?.width, metadata.image?.height].compactMap({ $0 }) {
            require(ContentImage.plausiblePixels.contains(dimension), "image dimension \(dimension)")
        }
    }

    /// The feed parser: RSS 0.9x/1.0/2.0, Atom and JSON Feed.
    package static func feed(_ bytes: [UInt8]) {
        guard let feed = try? FeedParser.parse(data: bytes, feedURL: documentURL, contentType: nil) else { return }
        for item in feed.items {
            check(item.publishedAt, "item.publishedAt")
            check(item.updatedAt, "item.updatedAt")
        }
    }

    /// The JSON-LD reader on its own, the bytes being one script block's text.
    package static func jsonLD(_ bytes: [UInt8]) {
        let facts = JSONLDReader.read([String(decoding: bytes, as: UTF8.self)])
        check(facts.publishedAt, "publishedAt")
        check(facts.updatedAt, "updatedAt")
        check(facts.event?.startDate, "event.startDate")
        check(facts.event?.endDate, "event.endDate")
    }

    /// The date parser, on text as pages and feeds carry it.
    package static func date(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        check(DateParser.iso8601(text), "iso8601")
        check(DateParser.rfc822(text), "rfc822")
        check(DateParser.flexible(text), "flexible")
    }

    private static func check(_ date: Date?, _ what: String) {
        guard let date else { return }
        require(SafeDate.checked(date) != nil, "\(what) \(date.timeIntervalSince1970) is outside SafeDate's range")
    }

    private static func require(_ condition: Bool, _ message: @autoclosure () -> String) {
        if !condition { fatalError("Ingest bound broken: \(message())") }
    }
}
