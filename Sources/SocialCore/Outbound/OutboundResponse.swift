import Foundation
import NIOHTTP1

/// A complete response: status, headers and the body read up to the call's cap.
/// Any status is returned as is; a 4xx or 5xx is the caller's to interpret.
package struct OutboundResponse: Sendable {
    /// The HTTP status.
    package var status: HTTPResponseStatus
    /// The response headers.
    package var headers: HTTPHeaders
    /// The body (decompressed when the server compressed it), at most the call's cap.
    package var body: Data
    /// The URL that answered, after any redirects, as the caller named it (not sandbox-rewritten).
    package var url: URL

    /// Builds a response (tests and fakes).
    package init(status: HTTPResponseStatus, headers: HTTPHeaders, body: Data, url: URL) {
        self.status = status
        self.headers = headers
        self.body = body
        self.url = url
    }

    /// True for 2xx.
    package var isSuccess: Bool { (200..<300).contains(status.code) }
    /// True for `304 Not Modified`: the caller's cached copy is still current.
    package var isNotModified: Bool { status == .notModified }
    /// The `ETag` validator, to send back as `ifNoneMatch`.
    package var etag: String? { headers.first(name: "ETag") }
    /// The `Last-Modified` validator, to send back as `ifModifiedSince`.
    package var lastModified: String? { headers.first(name: "Last-Modified") }
    /// The media type from `Content-Type`, lowercased, without parameters.
    package var mediaType: String? { headers.first(name: "Content-Type").map(Self.mediaType(of:)) }
    /// The body as UTF-8 text (invalid bytes replaced).
    package var text: String { String(decoding: body, as: UTF8.self) }

    /// `text/html; charset=utf-8` → `text/html`.
    static func mediaType(of contentType: String) -> String {
        contentType.split(separator: ";", maxSplits: 1).first.map {
            $0.trimmingCharacters(in: .whitespaces).lowercased()
        } ?? ""
    }
}
