import Foundation
import Hummingbird
import Platforms

/// Why a request was not done, in this service's words. Controllers, request contexts and
/// middleware throw these (or one of the domain errors `ErrorMapping` knows) and never choose an
/// HTTP status themselves.
enum RequestError: Error, Sendable, Equatable {
    /// Input that cannot be used: a bad parameter, form field or body.
    case invalid(String)
    /// Nothing by that name here, or not this person's.
    case notFound(String)
    /// A body over the route's limit, in bytes.
    case tooLarge(limit: Int)
    /// No acceptable credentials; `challenge` is the `WWW-Authenticate` value for bearer routes.
    case unauthenticated(String, challenge: String? = nil)
    /// Credentials are fine but the request is refused (a form from another site).
    case forbidden(String)
}

/// The one place an error becomes an HTTP status and message (`ErrorMiddleware` uses it for
/// every route; pages that show an error in place, such as the connect form, ask `status(for:)`).
enum ErrorMapping {
    /// The HTTP error for a known error, or nil for one that is a fault on our side (a 500).
    static func httpError(for error: any Error) -> HTTPError? {
        switch error {
        case let error as HTTPError:
            return error
        case let error as RequestError:
            switch error {
            case .invalid(let message): return HTTPError(.badRequest, message: message)
            case .notFound(let message): return HTTPError(.notFound, message: message)
            case .tooLarge(let limit): return HTTPError(.contentTooLarge, message: "The body is larger than \(limit) bytes.")
            case .unauthenticated(let message, let challenge):
                return HTTPError(.unauthorized, headers: challenge.map { [.wwwAuthenticate: $0] } ?? [:], message: message)
            case .forbidden(let message): return HTTPError(.forbidden, message: message)
            }
        case let error as JSONInput.Problem:
            return HTTPError(.badRequest, message: error.description)
        case let error as ShareParameterError:
            return HTTPError(.badRequest, message: error.description)
        case let error as IdentityError:
            // A token that is not even text is bad input; any other failure is failed credentials.
            return HTTPError(error.isMalformedInput ? .badRequest : .unauthorized, message: error.description)
        case let error as PlatformError:
            return HTTPError(status(for: error), message: error.description)
        default:
            return nil
        }
    }

    /// A platform's failure seen by the person: a server address they typed that cannot be used
    /// is their input (400); anything else is the platform's answer or its absence (502).
    static func status(for error: PlatformError) -> HTTPResponse.Status {
        error.code == .invalidInstance ? .badRequest : .badGateway
    }
}

/// Outside `ErrorMiddleware` (a router built without it, in a test) Hummingbird still answers a
/// `RequestError` with its mapped status.
extension RequestError: HTTPResponseError {
    private var mapped: HTTPError {
        ErrorMapping.httpError(for: self) ?? HTTPError(.internalServerError)
    }

    var status: HTTPResponse.Status { mapped.status }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        try mapped.response(from: request, context: context)
    }
}
