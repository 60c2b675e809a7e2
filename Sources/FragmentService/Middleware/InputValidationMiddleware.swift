import Foundation
import Hummingbird

/// Refuses, with a 400 that says why, any request whose path, query string or form body decodes
/// to text `TextInput` does not accept (invalid UTF-8, NUL, other control characters). It runs
/// before every route, so no handler, repository or template sees such text. JSON bodies are
/// checked where they are decoded (`JSONInput`), token claims by `IdentityVerifier`.
///
/// The decoded query is kept in the context (`decodedQuery`) for handlers that want it without
/// decoding again; query strings seen and accepted before come from `accepted` as they were.
struct InputValidationMiddleware<Context: DecodedQueryContext>: RouterMiddleware {
    let accepted: AcceptedQueryCache

    init(accepted: AcceptedQueryCache = AcceptedQueryCache()) {
        self.accepted = accepted
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let path = FormFields.percentDecode(request.uri.path, plusIsSpace: false), TextInput.isAcceptable(path) else {
            throw TextInput.refusal("The address")
        }
        var context = context
        if let query = request.uri.query {
            if let known = accepted.fields(for: query) {
                context.decodedQuery = known
            } else {
                context.decodedQuery = try checked(query, path: request.uri.path)
            }
        }
        guard request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true else {
            return try await next(request, context)
        }
        var request = request
        let body = Array(buffer: try await request.collectBody(upTo: context.maxUploadSize))
        guard let text = String(validating: body, as: UTF8.self) else { throw TextInput.refusal("The form") }
        if case .failure(let refused) = TextInput.acceptedFields(inForm: text) {
            throw TextInput.refusal(refused.name.map { "The form field ‘\($0)’" } ?? "A form field name")
        }
        return try await next(request, context)
    }

    /// Decodes and checks a query string not seen before; remembers it when accepted.
    private func checked(_ query: String, path: String) throws -> FormFields {
        switch TextInput.acceptedFields(inForm: query) {
        case .success(let fields):
            accepted.insert(fields, for: query)
            return fields
        case .failure(let refused):
            // Fragments answer content apps in their own plain-text form, naming the parameter.
            if path.hasPrefix("/fragments/") {
                throw refused.name.map { FragmentError.badParameter($0, "contains characters that are not allowed: \(TextInput.rule)") }
                    ?? FragmentError.badQuery("contains characters that are not allowed: \(TextInput.rule)")
            }
            throw TextInput.refusal(refused.name.map { "The query parameter ‘\($0)’" } ?? "A query parameter name")
        }
    }
}
