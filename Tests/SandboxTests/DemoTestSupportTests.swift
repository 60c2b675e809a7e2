import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1
import ServiceLifecycle
import Sandbox
#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Helpers for the demo-app suites (kept in a `Demo*Tests.swift` file so they live beside them):
/// a fake upstream server on port 0, a plain HTTP fetch, a request recorder and a feed parser.
enum DemoTestSupport {
    struct Reply: Sendable {
        var status: Int
        var headers: HTTPHeaders
        var body: String
    }

    /// Serves `router` on a free loopback port while `body` runs (a fake social service).
    static func withFakeServer<T: Sendable>(
        _ router: Router<BasicRequestContext>, _ body: @Sendable (Int) async throws -> T
    ) async throws -> T {
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "fake-service")
        logger.logLevel = .error
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { continuation.yield($0.localAddress?.port ?? 0) }, logger: logger)
        return try await withServiceGroup([app], logger: logger) {
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { throw CancellationError() }
            return try await body(port)
        }
    }

    /// A port with nothing listening on it (bound, then released).
    static func closedPort() async throws -> Int {
        try await withFakeServer(Router()) { $0 }
    }

    /// One request without following redirects.
    static func fetch(_ url: String, method: HTTPMethod = .GET, body: String? = nil, contentType: String? = nil) async throws -> Reply {
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        return try await HTTPClient.withHTTPClient(configuration: configuration) { http in
            var request = HTTPClientRequest(url: url)
            request.method = method
            if let contentType { request.headers.add(name: "Content-Type", value: contentType) }
            if let body { request.body = .bytes(ByteBuffer(string: body)) }
            let response = try await http.execute(request, timeout: .seconds(10))
            let bytes = try await response.body.collect(upTo: 4 * 1024 * 1024)
            return Reply(status: Int(response.status.code), headers: response.headers, body: String(buffer: bytes))
        }
    }

    /// The content of every `<meta property|name=… content=…>` in a page, by key.
    static func metaTags(in html: String) -> [String: String] {
        let pattern = #/<meta (?:property|name)="([^"]+)" content="([^"]*)">/#
        var tags: [String: String] = [:]
        for match in html.matches(of: pattern) { tags[String(match.1)] = unescape(String(match.2)) }
        return tags
    }

    /// The JSON-LD object of a page.
    static func jsonLD(in html: String) -> [String: Any]? {
        guard let match = html.firstMatch(of: #/<script type="application/ld\+json">(.*?)</script>/#) else { return nil }
        return (try? JSONSerialization.jsonObject(with: Data(match.1.utf8))) as? [String: Any]
    }

    static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    /// Titles and links of the `<item>`s of an RSS document; `nil` when it is not well-formed XML.
    static func feedItems(_ xml: String) -> [(title: String, link: String)]? {
        let collector = FeedCollector()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = collector
        guard parser.parse() else { return nil }
        return collector.items
    }
}

/// Collects `<item>` titles and links while `XMLParser` walks a feed.
final class FeedCollector: NSObject, XMLParserDelegate {
    var items: [(title: String, link: String)] = []
    private var inItem = false
    private var text = ""
    private var title = ""
    private var link = ""

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:])
    {
        if name == "item" { inItem = true; title = ""; link = "" }
        text = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        guard inItem else { return }
        switch name {
        case "title": title = text
        case "link": link = text
        case "item": items.append((title, link)); inItem = false
        default: break
        }
    }
}

/// What a fake service received.
actor DemoRequestLog {
    struct Entry: Sendable {
        var path: String
        var query: [String: String]
        var headers: [String: String]
        var body: [UInt8]
    }

    private(set) var entries: [Entry] = []

    func append(_ entry: Entry) { entries.append(entry) }

    /// Records a request (body collected up to 64 KiB).
    func record(_ request: Request) async throws -> Entry {
        var request = request
        let buffer = try await request.collectBody(upTo: 64 * 1024)
        var query: [String: String] = [:]
        for (key, value) in request.uri.queryParameters { query[String(key)] = String(value) }
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        let entry = Entry(path: request.uri.path, query: query, headers: headers, body: Array(buffer: buffer))
        append(entry)
        return entry
    }
}
