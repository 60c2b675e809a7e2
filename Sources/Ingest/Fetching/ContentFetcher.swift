import Foundation
import NIOHTTP1
import SocialCore

/// Fetches untrusted content URLs (pages and feeds) through the service's outbound policy —
/// address checks with pinning, redirects re-checked, size, time and decompression limits —
/// and turns them into Ingest's Swift values.
package struct ContentFetcher: Sendable {
    /// Pages are read up to this size: the metadata sits in the head.
    package static let pageLimit = 2 << 20
    package static let htmlTypes: Set<String> = ["text/html", "application/xhtml+xml"]
    package static let feedTypes: Set<String> = [
        "application/rss+xml", "application/atom+xml", "application/feed+json", "application/json", "application/xml", "text/xml",
        "application/rdf+xml",
    ]

    let http: OutboundHTTP

    package init(http: OutboundHTTP) { self.http = http }

    /// The page's metadata, extracted from the final URL after redirects.
    package func metadata(for url: URL) async throws -> ContentMetadata {
        let response = try await get(url, accepting: Self.htmlTypes, validators: nil)
        guard response.isSuccess else { throw FetchError.status(Int(response.status.code), url: url) }
        return try HTMLMetadataExtractor.extract(
            html: response.body, documentURL: response.url, contentType: response.headers.first(name: "Content-Type"))
    }

    /// A feed, or nil when the server says it has not changed since `validators`.
    package func feed(at url: URL, validators: FeedValidators?) async throws -> (feed: ParsedFeed, validators: FeedValidators)? {
        let response = try await get(url, accepting: Self.feedTypes, validators: validators)
        if response.isNotModified { return nil }
        guard response.isSuccess else { throw FetchError.status(Int(response.status.code), url: url) }
        let feed = try FeedParser.parse(data: response.body, feedURL: response.url, contentType: response.headers.first(name: "Content-Type"))
        return (feed, FeedValidators(etag: response.etag, lastModified: response.lastModified))
    }

    private func get(_ url: URL, accepting types: Set<String>, validators: FeedValidators?) async throws -> OutboundResponse {
        var headers = HTTPHeaders()
        headers.add(name: "Accept", value: types.sorted().joined(separator: ", ") + ";q=1.0, */*;q=0.1")
        return try await http.send(
            OutboundRequest(
                url: url, headers: headers, destination: .untrusted(), timeout: .seconds(10), maxBodyBytes: Self.pageLimit,
                acceptedContentTypes: types, ifNoneMatch: validators?.etag, ifModifiedSince: validators?.lastModified))
    }
}
