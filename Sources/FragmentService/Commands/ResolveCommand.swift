import ArgumentParser
import Foundation
import Ingest

/// `social-service resolve --html FILE --url BASE_URL` (or `--feed FILE`): prints what Ingest
/// extracts from a saved page or feed as JSON, for operators and tests.
struct ResolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve",
        abstract: "Print the metadata Ingest extracts from a saved HTML page or feed, as JSON."
    )

    @Option(help: "A saved HTML page.") var html: String?
    @Option(help: "A saved RSS, Atom or JSON feed.") var feed: String?
    @Option(help: "The URL the file was served from (relative links resolve against it).") var url: String
    @Option(help: "The Content-Type it was served with, if known (its charset is honoured).") var contentType: String?

    func validate() throws {
        guard (html == nil) != (feed == nil) else { throw ValidationError("Give exactly one of --html FILE or --feed FILE.") }
        guard let base = URL(string: url), ["http", "https"].contains(base.scheme?.lowercased() ?? ""), base.host != nil else {
            throw ValidationError("--url must be an absolute http(s) URL.")
        }
    }

    func run() throws {
        let base = URL(string: url)!
        let path = html ?? feed!
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("Cannot read \(path).")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let output: Data
        do {
            if html != nil {
                output = try encoder.encode(try HTMLMetadataExtractor.extract(html: data, documentURL: base, contentType: contentType))
            } else {
                output = try encoder.encode(try FeedParser.parse(data: data, feedURL: base, contentType: contentType))
            }
        } catch let error as IngestError {
            throw ValidationError(error.description)
        }
        print(String(decoding: output, as: UTF8.self))
    }
}
