import Hummingbird

/// A request context that carries the query string as `InputValidationMiddleware` decoded and
/// checked it, so a handler on the hot path (fragments) does not decode it a second time.
protocol DecodedQueryContext: RequestContext {
    /// The decoded query; nil before the middleware ran or when the request has no query string.
    var decodedQuery: FormFields? { get set }
}
