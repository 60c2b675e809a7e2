import ArgumentParser
import Foundation
import Ingest
import SocialCore

/// `social-service resolve --html FILE --url BASE_URL` (or `--feed FILE`): prints what Ingest
/// extracts from a saved page or feed as JSON, for operators and tests.
struct ResolveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve",
        abstract: "Print the metadata Ingest extracts from a URL, or from a saved HTML page or feed, as JSON.",
        discussion: "social-service resolve URL fetches the page with the service's outbound safety checks."
    )

    @Argument(help: "A content URL to fetch (omit with --html/--feed).") var target: String?
    @Option(help: "A saved HTML page.") var html: String?
    @Option(help: "A saved RSS, Atom or JSON feed.") var feed: String?
    @Option(help: "The URL the file was served from (relative links resolve against it).") var url: String?
    @Option(help: "The Content-Type it was served with, if known (its charset is honoured).") var contentType: String?
    @OptionGroup var options: EnvironmentOptions

    func validate() throws {
        if let target {
            guard html == nil, feed == nil else { throw ValidationError("Give a URL, or --html/--feed FILE with --url, not both.") }
            guard Self.isWebURL(target) else { throw ValidationError("\(target) is not an absolute http(s) URL.") }
            return
        }
        guard (html == nil) != (feed == nil) else { throw ValidationError("Give a URL, or exactly one of --html FILE or --feed FILE.") }
        guard let url, Self.isWebURL(url) else { throw ValidationError("--url must be an absolute http(s) URL.") }
    }

    private static func isWebURL(_ text: String) -> Bool {
        guard let url = URL(string: text), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil else { return false }
        return true
    }

    func run() async throws {
        if let target { return try await fetch(URL(string: target)!) }
        let base = URL(string: url!)!
        let path = html ?? feed!
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure(description: "Cannot read \(path).")
        }
        let encoder = Self.encoder
        let output: Data
        do {
            if html != nil {
                output = try encoder.encode(try HTMLMetadataExtractor.extract(html: data, documentURL: base, contentType: contentType))
            } else {
                output = try encoder.encode(try FeedParser.parse(data: data, feedURL: base, contentType: contentType))
            }
        } catch let error as IngestError {
            throw CommandFailure(description: error.description)
        }
        print(String(decoding: output, as: UTF8.self))
    }

    /// Fetches through the same outbound policy as the service's content fetches
    /// (SOCIAL_ALLOW_PRIVATE_HOSTS applies), so an operator sees exactly what the worker would.
    private func fetch(_ target: URL) async throws {
        let configuration = try options.configuration(needs: .serviceSettings)
        let http = OutboundHTTP(settings: .content(configuration: configuration), logger: options.logger())
        defer { Task { try? await http.shutdown() } }
        do {
            let metadata = try await ContentFetcher(http: http).metadata(for: target)
            print(String(decoding: try Self.encoder.encode(metadata), as: UTF8.self))
        } catch {
            throw CommandFailure(description: "\(error)")
        }
    }

    private static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }
}
