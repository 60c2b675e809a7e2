import AsyncHTTPClient
import NIOCore

/// Fetches the service's share-button fragment for a detail page, within a short time limit and
/// through an in-memory cache: fresh entries (`Cache-Control: max-age`) are reused without a
/// request, stale ones with an ETag are revalidated (`If-None-Match` → 304 reuses the body).
/// Any failure — service down, slow, non-200 — yields `nil` and the page renders without it.
struct ShareButtonClient: Sendable {
    /// Fragment bodies are small; anything bigger is not a share button.
    static let bodyLimit = 64 * 1024

    let http: HTTPClient
    /// Base URL of the social service, without a trailing slash.
    let serviceURL: String
    /// Upper bound on the whole fetch, connection included (≤ 500 ms keeps pages quick).
    let timeout: Duration
    let cache: FragmentCache

    init(http: HTTPClient, serviceURL: String, timeout: Duration, cache: FragmentCache = FragmentCache()) {
        self.http = http
        self.serviceURL = String(serviceURL.reversed().drop { $0 == "/" }.reversed())
        self.timeout = timeout
        self.cache = cache
    }

    /// The fragment URL for one page: every parameter percent-encoded.
    func fragmentURL(kind: DemoAppKind, pageURL: String, title: String, description: String, image: String) -> String {
        serviceURL + "/fragments/share-button?"
            + DemoEncoding.query([
                ("url", pageURL), ("title", title), ("description", description), ("image", image),
                ("type", kind.contentType),
            ])
    }

    /// The fragment HTML, or `nil` when the service cannot provide it in time.
    func shareButton(kind: DemoAppKind, pageURL: String, title: String, description: String, image: String) async -> String? {
        let url = fragmentURL(kind: kind, pageURL: pageURL, title: title, description: description, image: image)
        let cached = await cache.entry(for: url)
        if let cached, cached.isFresh { return cached.body }
        let timeout = self.timeout
        return await withTaskGroup(of: String??.self) { group in
            group.addTask { await self.fetch(url: url, cached: cached) }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return .some(nil)
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first ?? nil
        }
    }

    /// One request (conditional when a cached ETag exists); updates the cache.
    private func fetch(url: String, cached: CachedFragment?) async -> String? {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "Accept", value: "text/html")
        if let etag = cached?.etag { request.headers.add(name: "If-None-Match", value: etag) }
        do {
            let response = try await http.execute(request, timeout: timeout.timeAmount)
            let control = FragmentCacheControl(header: response.headers.first(name: "Cache-Control"))
            switch response.status.code {
            case 200:
                let buffer = try await response.body.collect(upTo: Self.bodyLimit)
                let body = String(buffer: buffer)
                if control.noStore {
                    await cache.remove(url)
                } else {
                    let etag = response.headers.first(name: "ETag")
                    await cache.store(CachedFragment(body: body, etag: etag, freshUntil: .now + .seconds(control.maxAge)), for: url)
                }
                return body
            case 304:
                guard let cached else { return nil }
                let refreshed = CachedFragment(
                    body: cached.body, etag: response.headers.first(name: "ETag") ?? cached.etag,
                    freshUntil: .now + .seconds(control.maxAge))
                await cache.store(refreshed, for: url)
                return cached.body
            default:
                _ = try? await response.body.collect(upTo: Self.bodyLimit)
                return nil
            }
        } catch {
            return nil
        }
    }
}
