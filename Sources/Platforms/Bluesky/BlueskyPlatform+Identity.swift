import Foundation
import SocialCore

/// Who an account is (docs/platforms/bluesky.md, "Identity"): the DID is the identity; the handle
/// is shown only when it resolves back to the DID; the display name comes from `getProfile`.
extension BlueskyPlatform {
    /// The handle the DID document claims, when resolving that handle gives the DID back.
    func verifiedHandle(_ location: BlueskyAccountLocation) async -> String? {
        guard let handle = location.claimedHandle, let resolved = try? await resolve(handle: handle), resolved == location.did else { return nil }
        return handle
    }

    /// `displayName` from `app.bsky.actor.getProfile`; nil when absent, empty or unreadable.
    func displayName(did: String, pds: URL, token: BlueskyStoredToken) async -> String? {
        struct Profile: Decodable { var displayName: String? }
        guard let response = try? await xrpc(.GET, "app.bsky.actor.getProfile", service: pds, query: [("actor", did)], token: token),
            response.status == 200, let name = response.decode(Profile.self)?.displayName?.trimmingCharacters(in: .whitespacesAndNewlines),
            !name.isEmpty
        else { return nil }
        // A display name is at most 64 graphemes (the profile lexicon); more is not believed.
        return String(name.prefix(64))
    }

    /// `com.atproto.server.getSession` on the account's PDS: true while the token works.
    package func verify(_ credentials: StoredCredentials) async throws(PlatformError) -> Bool {
        guard let token = BlueskyStoredToken(encoded: credentials.accessToken) else { return false }
        let pds = try Self.pds(of: credentials)
        let response: PlatformHTTPResponse
        do { response = try await xrpc(.GET, "com.atproto.server.getSession", service: pds, token: token) } catch {
            throw PlatformError(.transient, .bluesky, "Could not reach \(pds.host ?? "the Bluesky server"): \(error.description)")
        }
        if response.status == 200 { return true }
        if Self.tokenIsDead(response) { return false }
        throw Self.error(for: response, doing: "checking the connection")
    }

    /// Whether an answer says the access token no longer works: 400 `ExpiredToken` / `InvalidToken`
    /// (Bluesky answers these with 400, not 401), 401 `invalid_token` challenges, 401 `AuthMissing`
    /// (docs/platforms/bluesky.md, "Errors").
    static func tokenIsDead(_ response: PlatformHTTPResponse) -> Bool {
        let name = response.decode(BlueskyErrorBody.self)?.error
        switch response.status {
        case 400: return name == "ExpiredToken" || name == "InvalidToken"
        case 401: return challenge(response) == "invalid_token" || name == "invalid_token" || name == "AuthMissing" || name == "ExpiredToken"
        default: return false
        }
    }

    /// A `PlatformError` for a failed XRPC call that is not about posting.
    /// - Parameter secret: a secret the request carried (an app password), cut from any text of the
    ///   answer that is shown.
    static func error(for response: PlatformHTTPResponse, doing action: String, hiding secret: String? = nil) -> PlatformError {
        if tokenIsDead(response) {
            return PlatformError(.invalidGrant, .bluesky, "Bluesky no longer accepts this connection while \(action); connect again.")
        }
        switch response.status {
        case 429:
            return PlatformError(.rateLimited, .bluesky, "Bluesky is rate limiting us while \(action).", retryAfter: retryAfter(response))
        case 500...:
            return PlatformError(.transient, .bluesky, "Bluesky had a server error (\(response.status)) while \(action); try again later.")
        case 403:
            return PlatformError(.permissionMissing, .bluesky, "Bluesky refused \(action)\(BlueskyErrorBody.detail(response, hiding: secret)).")
        default:
            return PlatformError(
                .unexpectedResponse, .bluesky,
                "Bluesky answered \(response.status) while \(action)\(BlueskyErrorBody.detail(response, hiding: secret)).")
        }
    }
}

/// An XRPC error body: `{"error": "Name", "message": "text"}`.
struct BlueskyErrorBody: Decodable {
    var error: String?
    var message: String?

    /// `: Name — message`, made safe to show (no control characters, short), or "".
    static func detail(_ response: PlatformHTTPResponse, hiding secret: String? = nil) -> String {
        guard let body = response.decode(BlueskyErrorBody.self) else { return "" }
        let name = body.error.flatMap { $0.count <= 40 && $0.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) ? $0 : nil }
        let text = AppCredentialCheck.platformText(body.message, hiding: secret)
        switch (name, text) {
        case (let name?, let text?): return ": \(name) — \(text)"
        case (let name?, nil): return ": \(name)"
        case (nil, let text?): return ": \(text)"
        case (nil, nil): return ""
        }
    }
}
