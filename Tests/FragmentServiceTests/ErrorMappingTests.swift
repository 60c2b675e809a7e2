import Foundation
import HTTPTypes
import Hummingbird
import Platforms
import Testing

@testable import FragmentService

/// Every error a controller, context or middleware throws gets its status in `ErrorMapping`, and
/// nowhere else; a fault on our side is left to be a logged 500.
@Suite struct ErrorMappingTests {
    struct Event: Decodable {
        var title: String
        var tags: [String]
    }

    static func status(_ error: any Error) -> HTTPResponse.Status? { ErrorMapping.httpError(for: error)?.status }

    @Test func requestErrorsGetTheirStatusesAndBearerRoutesTheirChallenge() {
        #expect(Self.status(RequestError.invalid("x")) == .badRequest)
        #expect(Self.status(RequestError.notFound("x")) == .notFound)
        #expect(Self.status(RequestError.tooLarge(limit: 10)) == .contentTooLarge)
        #expect(Self.status(RequestError.forbidden("x")) == .forbidden)
        let challenged = ErrorMapping.httpError(for: RequestError.unauthenticated("Sign in.", challenge: "Bearer"))
        #expect(challenged?.status == .unauthorized)
        #expect(challenged?.headers[.wwwAuthenticate] == "Bearer")
        #expect(ErrorMapping.httpError(for: RequestError.unauthenticated("Sign in."))?.headers[.wwwAuthenticate] == nil)
        #expect(ErrorMapping.httpError(for: RequestError.tooLarge(limit: 10))?.body == "The body is larger than 10 bytes.")
    }

    @Test func domainErrorsMapInOnePlace() {
        #expect(Self.status(PlatformError(.invalidInstance, .mastodon, "no such server")) == .badRequest)
        for code in [PlatformError.Code.transient, .rateLimited, .invalidGrant, .unexpectedResponse] {
            #expect(Self.status(PlatformError(code, .twitter, "x")) == .badGateway)
        }
        #expect(Self.status(ShareParameterError("url", "is required")) == .badRequest)
        #expect(Self.status(IdentityError.badText) == .badRequest)
        #expect(Self.status(IdentityError.replayed) == .unauthorized)
        #expect(Self.status(CancellationError()) == nil)
        struct Fault: Error {}
        #expect(Self.status(Fault()) == nil)
    }

    @Test func aJSONBodyProblemNamesTheFieldOnce() throws {
        func problem(_ json: String, hint: String? = nil) -> String? {
            do {
                _ = try JSONInput.decode(Event.self, from: ByteBuffer(string: json), hint: hint)
                return nil
            } catch {
                #expect(Self.status(error) == .badRequest)
                return ErrorMapping.httpError(for: error)?.body
            }
        }
        #expect(problem(#"{"tags": []}"#) == "The JSON body lacks the field title.")
        #expect(
            problem(#"{"title": "t", "tags": "one"}"#, hint: "tags a list of strings")
                == "The field tags has the wrong type (tags a list of strings).")
        #expect(problem(#"{"title": 5, "tags": []}"#) == "The field title has the wrong type.")
        #expect(problem(#"{"title": "#) == "The body is not valid JSON.")
        #expect(problem(#"{"title": "a\u0000b", "tags": []}"#)?.contains("The field title contains characters that are not allowed") == true)
        #expect(problem(#"{"title": "Kiln", "tags": ["a"]}"#) == nil)
    }
}
