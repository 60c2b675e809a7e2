import HTTPTypes
import Hummingbird

/// Browser hardening headers on every response of this service.
///
/// - `Content-Security-Policy`: scripts, styles, fonts and fetches from this origin only (the
///   pages have no inline script or style; Font Awesome and `share.js` are served under
///   `/static/`). Images may also come from content sites, because the share page previews the
///   shared item's own image. `frame-ancestors 'none'` (and `X-Frame-Options: DENY` for older
///   browsers) stops other sites framing our forms. There is deliberately no `form-action`:
///   it also governs the redirects that follow a form submission
///   (https://www.w3.org/TR/CSP3/#directive-form-action), and connecting an account is a form
///   whose answer redirects to the platform's consent page.
/// - `X-Content-Type-Options: nosniff`, and `Referrer-Policy: same-origin` so share-page and
///   callback URLs (which carry the shared item's query or an OAuth `state`) never leave in a
///   `Referer`.
///
/// Fragments are HTML that content apps fetch server-side and paste into their own pages; they
/// are never framed or opened by a browser from here. They get only `nosniff`, so an app that
/// forwards our headers does not replace its own page's policy with ours.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The policy for pages; `allowHTTPImages` adds `http:` to `img-src` for development, where
    /// the demo content apps are served over plain http.
    let contentSecurityPolicy: String

    init(allowHTTPImages: Bool) {
        let images = allowHTTPImages ? "'self' https: http:" : "'self' https:"
        contentSecurityPolicy =
            "default-src 'self'; img-src \(images); object-src 'none'; base-uri 'self'; frame-ancestors 'none'"
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.xContentTypeOptions] = "nosniff"
        if request.uri.path.hasPrefix("/fragments/") { return response }
        response.headers[.contentSecurityPolicy] = contentSecurityPolicy
        response.headers[.xFrameOptions] = "DENY"
        response.headers[.referrerPolicy] = "same-origin"
        return response
    }
}

extension HTTPField.Name {
    static var xFrameOptions: Self { .init("X-Frame-Options")! }
    static var referrerPolicy: Self { .init("Referrer-Policy")! }
}
