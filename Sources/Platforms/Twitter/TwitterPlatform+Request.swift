import Foundation
import SocialCore

/// The one request path (`PlatformRequester`): configured timeout, JSON accepted, status checked by the caller.
extension TwitterPlatform {
    var requester: PlatformRequester {
        PlatformRequester(transport: transport, timeout: timeout) { error, _ in
            PlatformError(.transient, .twitter, "Could not reach X: \(error.description)")
        }
    }

    func send(_ request: PlatformHTTPRequest) async throws(PlatformError) -> PlatformHTTPResponse { try await requester.send(request) }

    func transportSend(_ request: PlatformHTTPRequest) async throws(TransportError) -> PlatformHTTPResponse { try await requester.sendRaw(request) }

    func bearer(_ token: String) -> (String, String) { PlatformRequester.bearer(token) }

    /// `GET /2/users/me` (docs/platforms/twitter.md, "Identity"). 401 means the token is dead ("Errors").
    func me(accessToken: String) async throws(PlatformError) -> TwitterUser {
        let response = try await send(PlatformHTTPRequest(.GET, apiBase.appending(path: "2/users/me"), headers: [bearer(accessToken)]))
        switch response.status {
        case 200..<300:
            guard let user = response.decode(TwitterEnvelope<TwitterUser>.self)?.data else {
                throw PlatformError(.unexpectedResponse, .twitter, "X's account answer was unreadable.")
            }
            return user
        case 401:
            throw PlatformError(.invalidGrant, .twitter, "X no longer accepts this connection's token; refresh or connect again.")
        case 429:
            throw PlatformError(.rateLimited, .twitter, "X is rate limiting account lookups.", retryAfter: Self.retryAfter(response))
        case 500...:
            throw PlatformError(.transient, .twitter, "X had a server error (\(response.status)); try again shortly.")
        default:
            let summary = response.decode(TwitterProblem.self)?.summary ?? "HTTP \(response.status)"
            throw PlatformError(.permissionMissing, .twitter, "X refused the account lookup: \(summary).")
        }
    }

    /// `x-rate-limit-reset` is Unix epoch seconds (docs/platforms/twitter.md, "Rate limits").
    static func retryAfter(_ response: PlatformHTTPResponse) -> Date? {
        response.header("x-rate-limit-reset").flatMap { Double($0) }.flatMap { SafeDate.unix(seconds: $0) }
    }
}
