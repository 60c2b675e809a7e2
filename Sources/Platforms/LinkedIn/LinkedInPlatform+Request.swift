import Foundation

/// The one request path (`PlatformRequester`): configured timeout, JSON accepted, and on `/rest/`
/// calls the two headers LinkedIn requires on every versioned call (docs/platforms/linkedin.md,
/// "Versioned calls").
extension LinkedInPlatform {
    var requester: PlatformRequester {
        let version = version
        return PlatformRequester(
            transport: transport, timeout: timeout,
            headers: { request in
                request.url.path.hasPrefix("/rest/") ? [("LinkedIn-Version", version), ("X-Restli-Protocol-Version", "2.0.0")] : []
            },
            unreachable: { error, _ in PlatformError(.transient, .linkedin, "Could not reach LinkedIn: \(error.description)") })
    }

    func send(_ request: PlatformHTTPRequest) async throws(PlatformError) -> PlatformHTTPResponse { try await requester.send(request) }

    func transportSend(_ request: PlatformHTTPRequest) async throws(TransportError) -> PlatformHTTPResponse { try await requester.sendRaw(request) }

    func bearer(_ token: String) -> (String, String) { PlatformRequester.bearer(token) }

    /// `GET /v2/userinfo` (docs/platforms/linkedin.md, "Identity"); 401 = token invalid, expired or
    /// revoked ("Errors").
    func userinfo(accessToken: String) async throws(PlatformError) -> LinkedInUserInfo {
        let response = try await send(PlatformHTTPRequest(.GET, apiBase.appending(path: "v2/userinfo"), headers: [bearer(accessToken)]))
        switch response.status {
        case 200..<300:
            guard let info = response.decode(LinkedInUserInfo.self) else {
                throw PlatformError(.unexpectedResponse, .linkedin, "LinkedIn's profile answer was unreadable.")
            }
            return info
        case 401:
            throw PlatformError(.invalidGrant, .linkedin, "LinkedIn no longer accepts this connection's token; connect again.")
        case 403:
            throw PlatformError(.permissionMissing, .linkedin, "LinkedIn did not grant the profile permission; connect again and allow it.")
        case 429:
            throw PlatformError(.rateLimited, .linkedin, "LinkedIn is throttling requests; try again later.")
        case 500...:
            throw PlatformError(.transient, .linkedin, "LinkedIn had a server error (\(response.status)); try again shortly.")
        default:
            throw PlatformError(.unexpectedResponse, .linkedin, "LinkedIn answered the profile request with HTTP \(response.status).")
        }
    }
}
