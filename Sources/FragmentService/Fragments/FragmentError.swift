import HTTPTypes
import Hummingbird

/// Why a fragment request was refused, answered as short plain text. Content apps read only the
/// status (and show no button); the text is for the developer reading their logs.
struct FragmentError: HTTPResponseError {
    let status: HTTPResponse.Status
    let message: String

    /// A parameter is missing, repeated or unacceptable; the message names it.
    static func badParameter(_ name: String, _ problem: String) -> FragmentError {
        FragmentError(status: .badRequest, message: "Parameter \"\(name)\" \(problem).")
    }

    /// The query string itself could not be decoded.
    static func badQuery(_ problem: String) -> FragmentError {
        FragmentError(status: .badRequest, message: "The query string \(problem).")
    }

    /// No handler has that name. The name is not echoed back, so nothing a caller sent is reflected.
    static func unknownFragment(known: [String]) -> FragmentError {
        FragmentError(status: .notFound, message: "No fragment by that name. Known fragments: \(known.joined(separator: ", ")).")
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(
            status: status,
            headers: [
                .contentType: "text/plain; charset=utf-8", .cacheControl: "no-store",
                HTTPField.Name("X-Content-Type-Options")!: "nosniff",
            ],
            body: .init(byteBuffer: ByteBuffer(string: message + "\n")))
    }
}
