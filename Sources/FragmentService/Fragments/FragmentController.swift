import HTTPTypes
import Hummingbird

/// Serves `GET /fragments/<name>` from the registry (plan 5a).
///
/// The hot path: content apps fetch a fragment on every page view, so nothing here reads the
/// session, a repository or the network. Responses are `Cache-Control: public, max-age=300`: the
/// HTML depends only on the query string and this service's configuration, never on who asks,
/// so shared caches and the content apps may keep it; five minutes bounds how long a template
/// or base-URL change takes to reach every page. After that, the strong `ETag` (SHA-256 of the
/// body) lets a cache revalidate with `If-None-Match` and get a bodiless 304.
struct FragmentController: Sendable {
    /// The `Cache-Control` value of every successful fragment response.
    static let cacheControl = "public, max-age=300"

    let registry: FragmentRegistry

    /// Adds `GET /:name` to `group` (mounted at `/fragments`).
    func addRoutes<Context: RequestContext>(to group: RouterGroup<Context>) {
        group.get(":name") { request, context in try self.show(request, context: context) }
    }

    /// Renders the named fragment, or answers 304 when the caller already holds this version.
    func show(_ request: Request, context: some RequestContext) throws -> Response {
        let name = try context.parameters.require("name")
        guard let handler = registry.handler(named: name) else { throw FragmentError.unknownFragment(known: registry.names) }
        let html = try handler.render(FragmentQuery(request.uri.query))
        let etag = EntityTag.strong(for: html)
        var headers: HTTPFields = [.eTag: etag, .cacheControl: Self.cacheControl]
        if EntityTag.ifNoneMatch(request.headers[values: .ifNoneMatch], matches: etag) {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentType] = "text/html; charset=utf-8"
        headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}
