import Foundation
import SocialCore

/// The one request path (`PlatformRequester`): every call is `.untrusted` (a person typed the
/// host), has the configured timeout and asks for JSON; statuses are checked by the callers.
extension MastodonPlatform {
    var requester: PlatformRequester {
        PlatformRequester(transport: transport, timeout: timeout, destination: .untrusted) { error, request in
            if error.kind == .blockedAddress || error.kind == .invalidURL {
                return PlatformError(.invalidInstance, .mastodon, "That Mastodon server address cannot be reached from here.")
            }
            return PlatformError(.transient, .mastodon, "Could not reach \(request.url.host ?? "the server"): \(error.description)")
        }
    }

    func send(_ method: PlatformHTTPRequest.Method, _ url: URL, token: String? = nil) async throws(PlatformError) -> PlatformHTTPResponse {
        try await send(PlatformHTTPRequest(method, url, headers: token.map { [PlatformRequester.bearer($0)] } ?? []))
    }

    func send(_ request: PlatformHTTPRequest) async throws(PlatformError) -> PlatformHTTPResponse { try await requester.send(request) }

    /// Sends with this client's policy applied; transport errors are returned as is.
    func transportSend(_ request: PlatformHTTPRequest) async throws(TransportError) -> PlatformHTTPResponse { try await requester.sendRaw(request) }

    /// Whether an answer says the token is dead although its status is not 401/403: Takahē
    /// answers a bad or revoked token with 400 and a plain-text `Invalid Bearer token`
    /// (docs/platforms/mastodon-servers.md, "Dead tokens").
    static func saysTokenIsDead(_ response: PlatformHTTPResponse) -> Bool {
        response.status == 400 && String(decoding: response.body.prefix(200), as: UTF8.self).contains("Invalid Bearer token")
    }

    /// A `PlatformError` for a failed non-OAuth call, using the server's `error` sentence when readable.
    static func error(for response: PlatformHTTPResponse, doing action: String) -> PlatformError {
        let detail = response.decode(MastodonErrorBody.self).map { ": " + $0.error.prefix(200) } ?? ""
        if saysTokenIsDead(response) {
            return PlatformError(.invalidGrant, .mastodon, "The Mastodon server no longer accepts this connection while \(action); connect again.")
        }
        switch response.status {
        case 401, 403:
            return PlatformError(.invalidGrant, .mastodon, "The Mastodon server refused the token while \(action)\(detail); connect again.")
        case 429:
            return PlatformError(
                .rateLimited, .mastodon, "The Mastodon server is rate limiting us while \(action).", retryAfter: retryAfter(response))
        case 500...:
            return PlatformError(.transient, .mastodon, "The Mastodon server had an error (\(response.status)) while \(action); try again later.")
        default: return PlatformError(.unexpectedResponse, .mastodon, "The Mastodon server answered \(response.status) while \(action)\(detail).")
        }
    }

    /// `X-RateLimit-Reset` is ISO 8601 with microseconds, not epoch seconds
    /// (docs/platforms/mastodon.md, "Rate limits").
    static func retryAfter(_ response: PlatformHTTPResponse) -> Date? {
        guard var text = response.header("x-ratelimit-reset") else { return nil }
        if let dot = text.firstIndex(of: "."), let end = text[dot...].firstIndex(where: { !$0.isNumber && $0 != "." }) {
            text.removeSubrange(dot..<end)  // drop the fraction: ISO8601DateFormatter accepts only milliseconds.
        }
        return SafeDate.checked(ISO8601DateFormatter().date(from: text))
    }
}
