import Foundation

/// The one request path: configured timeout, JSON accepted, and on `/rest/` calls the two
/// headers LinkedIn requires on every versioned call (docs/platforms/linkedin.md, "Versioned calls").
extension LinkedInPlatform {
    func send(_ request: PlatformHTTPRequest) async throws(PlatformError) -> PlatformHTTPResponse {
        do { return try await transportSend(request) } catch {
            throw PlatformError(.transient, .linkedin, "Could not reach LinkedIn: \(error.description)")
        }
    }

    func transportSend(_ request: PlatformHTTPRequest) async throws(TransportError) -> PlatformHTTPResponse {
        var request = request
        request.destination = .platform
        request.timeout = timeout
        request.headers.append(("Accept", "application/json"))
        if request.url.path.hasPrefix("/rest/") {
            request.headers += [("LinkedIn-Version", version), ("X-Restli-Protocol-Version", "2.0.0")]
        }
        return try await transport.send(request)
    }

    func bearer(_ token: String) -> (String, String) { ("Authorization", "Bearer " + token) }

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
