import HTTPTypes
import Hummingbird

/// Serves `GET /fragments/<name>` from the registry.
///
/// The hot path: content apps fetch a fragment on every page view, so nothing here reads the
/// session, a repository or the network, and each distinct fragment is rendered once and then
/// answered from the registry's cache (body, `ETag` and headers computed at render time).
/// Responses are `Cache-Control: public, max-age=300`: the HTML depends only on the query string
/// and this service's configuration, never on who asks, so shared caches and the content apps
/// may keep it; five minutes bounds how long a template or base-URL change takes to reach every
/// page. After that, the strong `ETag` (SHA-256 of the body) lets a cache revalidate with
/// `If-None-Match` and get a bodiless 304.
struct FragmentController: Sendable {
    let registry: FragmentRegistry

    /// Adds `GET /:name` to `group` (mounted at `/fragments`).
    func addRoutes<Context: DecodedQueryContext>(to group: RouterGroup<Context>) {
        group.get(":name") { request, context in try self.show(request, context: context) }
    }

    /// Answers with the named fragment, or 304 when the caller already holds this version.
    func show(_ request: Request, context: some DecodedQueryContext) throws -> Response {
        let name = try context.parameters.require("name")
        guard let endpoint = registry.endpoint(named: name) else { throw FragmentError.unknownFragment(known: registry.names) }
        let raw = request.uri.query ?? ""
        let fragment: RenderedFragment
        if let known = endpoint.fragment(forRawQuery: raw) {
            fragment = known
        } else {
            // The middleware's decoding when it ran (it did, in the app); decoded here otherwise.
            let query = try context.decodedQuery.map(FragmentQuery.init(fields:)) ?? FragmentQuery(request.uri.query)
            fragment = try endpoint.fragment(for: query)
            endpoint.remember(fragment, forRawQuery: raw)
        }
        let ifNoneMatch = request.headers[values: .ifNoneMatch]
        if !ifNoneMatch.isEmpty, EntityTag.ifNoneMatch(ifNoneMatch, matches: fragment.etag) {
            return Response(status: .notModified, headers: fragment.notModifiedHeaders)
        }
        return Response(status: .ok, headers: fragment.headers, body: .init(byteBuffer: fragment.body))
    }
}
