import Foundation
import Hummingbird
import Logging

/// Turns every error into a response a person or program can act on, with the status
/// `ErrorMapping` chooses for the service's own and domain errors. Hummingbird alone would
/// answer unknown errors with an empty 500 logged at debug level; here they are logged at error
/// level and, for browser routes, rendered as a page. JSON routes get `{"error": "…"}`.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let views: Views

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            if let mapped = ErrorMapping.httpError(for: error) {
                if (300..<400).contains(mapped.status.code) { throw mapped }
                return try respond(
                    request, context: context, status: mapped.status, message: mapped.body ?? mapped.status.reasonPhrase, headers: mapped.headers)
            }
            if let error = error as? any HTTPResponseError { return try error.response(from: request, context: context) }
            context.logger.error(
                "request failed", metadata: ["path": "\(request.uri.path)", "error": "\(String(reflecting: error))"])
            return try respond(
                request, context: context, status: .internalServerError,
                message: "Something went wrong on our side. It has been logged; please try again.", headers: [:])
        }
    }

    private func respond(
        _ request: Request, context: Context, status: HTTPResponse.Status, message: String, headers: HTTPFields
    ) throws -> Response {
        var response: Response
        if Self.wantsJSON(request) {
            let body = try JSONEncoder().encode(["error": message])
            response = Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: body)))
        } else {
            let model = ErrorPageModel(
                layout: .visitor(title: status.reasonPhrase, csrf: context.session?.csrf ?? ""),
                status: Int(status.code), heading: status.reasonPhrase, message: message, requestID: context.id)
            let html = (try? views.render(model, template: "error")) ?? "<p>\(status.code)</p>"
            response = try HTMLPage(html: html, status: status).response(from: request, context: context)
        }
        for field in headers where field.name != .contentType && field.name != .contentLength { response.headers.append(field) }
        return response
    }

    /// JSON for API and webhook paths, and for clients that ask only for JSON.
    static func wantsJSON(_ request: Request) -> Bool {
        let path = request.uri.path
        if path.hasPrefix("/api/") || path.hasPrefix("/webhooks/") { return true }
        let accept = request.headers[.accept] ?? ""
        return accept.contains("application/json") && !accept.contains("text/html")
    }
}
