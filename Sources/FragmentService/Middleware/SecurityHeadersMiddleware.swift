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
    /// The fields every page gets, built (and their values checked) once rather than per response.
    private let pageFields: [HTTPField]
    private let noSniff = HTTPField(name: .xContentTypeOptions, value: "nosniff")

    init(allowHTTPImages: Bool) {
        let images = allowHTTPImages ? "'self' https: http:" : "'self' https:"
        contentSecurityPolicy =
            "default-src 'self'; img-src \(images); object-src 'none'; base-uri 'self'; frame-ancestors 'none'"
        pageFields = [
            noSniff, HTTPField(name: .contentSecurityPolicy, value: contentSecurityPolicy),
            HTTPField(name: .xFrameOptions, value: "DENY"), HTTPField(name: .referrerPolicy, value: "same-origin"),
        ]
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        if request.uri.path.hasPrefix("/fragments/") {
            Self.set(noSniff, in: &response.headers)
        } else {
            for field in pageFields { Self.set(field, in: &response.headers) }
        }
        return response
    }

    /// Sets `field`, replacing any field of that name; leaves the headers untouched (no copy of
    /// a cached response's fields) when they already hold exactly that value.
    private static func set(_ field: HTTPField, in headers: inout HTTPFields) {
        let existing = headers[values: field.name]
        if existing.isEmpty {
            headers.append(field)
        } else if existing != [field.value] {
            headers[field.name] = field.value
        }
    }
}

extension HTTPField.Name {
    static var xFrameOptions: Self { .init("X-Frame-Options")! }
    static var referrerPolicy: Self { .init("Referrer-Policy")! }
}
