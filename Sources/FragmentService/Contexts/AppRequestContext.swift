import Hummingbird

/// The request context of every route: the browser session (when the session middleware ran)
/// and the API user (when a Bearer token was verified).
struct AppRequestContext: DecodedQueryContext {
    var coreContext: CoreRequestContextStorage
    /// The decoded session cookie, or a fresh anonymous session.
    var session: Session?
    /// True when `session` was created for this request and must be sent as a cookie.
    var sessionIsNew = false
    /// The user named by a verified Bearer token on a JSON route.
    var apiUserID: String?
    /// The query string, decoded once and checked by `InputValidationMiddleware`.
    var decodedQuery: FormFields?

    init(source: Source) {
        coreContext = .init(source: source)
    }

    /// Bodies above this are refused before they are read.
    var maxUploadSize: Int { 256 * 1024 }
}
