import HTTPTypes
import NIOCore

/// A fragment rendered once and answered many times: the body bytes, its strong `ETag` and the
/// response headers, all computed when it was rendered (the hot path only copies references).
struct RenderedFragment: Sendable {
    /// The `Cache-Control` value of every successful fragment response: the HTML depends only on
    /// the query string and this service's configuration, never on who asks.
    static let cacheControl = "public, max-age=300"

    /// The HTML, UTF-8.
    let body: ByteBuffer
    /// `"<SHA-256 of body, hex>"`.
    let etag: String
    /// Headers of the 200 response.
    let headers: HTTPFields
    /// Headers of the 304 response: the validator and caching fields a 200 would carry
    /// (RFC 9110 §15.4.5).
    let notModifiedHeaders: HTTPFields

    init(html: String) {
        body = ByteBuffer(string: html)
        etag = EntityTag.strong(for: html)
        notModifiedHeaders = [.eTag: etag, .cacheControl: Self.cacheControl, .xContentTypeOptions: "nosniff"]
        var headers = notModifiedHeaders
        headers[.contentType] = "text/html; charset=utf-8"
        self.headers = headers
    }

    /// What the entry costs the cache's byte bound: the body, the tag and the header strings.
    var byteCount: Int { body.readableBytes * 2 + etag.utf8.count * 4 + 128 }
}
