import Foundation
import SocialCore

/// App-password sessions, the second and explicit way in (docs/platforms/bluesky.md,
/// "App-password sessions"): for accounts whose server cannot be used with OAuth. The app password
/// is sent once to the account's own PDS and never kept — only the session's tokens are.
extension BlueskyPlatform {
    struct SessionAnswer: Decodable {
        var accessJwt: String
        var refreshJwt: String
        var handle: String
        var did: String
    }

    /// Access JWTs live 120 minutes on the reference PDS (docs/platforms/bluesky.md, "Lifetimes").
    static let appPasswordAccessLifetime = 7200

    /// Whether `text` has an app password's shape, `xxxx-xxxx-xxxx-xxxx` (letters and digits).
    package static func isAppPassword(_ text: String) -> Bool {
        let groups = text.split(separator: "-", omittingEmptySubsequences: false)
        return groups.count == 4
            && groups.allSatisfy { $0.utf8.count == 4 && $0.unicodeScalars.allSatisfy { $0.isASCII && CharacterSet.alphanumerics.contains($0) } }
    }

    /// Signs in with a handle (or DID) and an app password at the account's own PDS.
    package func connectWithAppPassword(identifier: String, password: String) async throws(PlatformError) -> OAuthResult {
        let typed = password.trimmingCharacters(in: .whitespacesAndNewlines)
        guard Self.isAppPassword(typed) else {
            throw PlatformError(
                .permissionMissing, .bluesky, "That is not an app password: Bluesky's look like xxxx-xxxx-xxxx-xxxx (Settings → App passwords).")
        }
        let did = try await did(of: try BlueskyIdentifier.parse(identifier))
        let document = try await didDocument(did)
        guard let pds = document.pdsEndpoint().flatMap(origin) else { throw refuse("The identity \(did) names no usable Bluesky server (PDS).") }
        struct Login: Encodable { var identifier: String; var password: String }
        let request: PlatformHTTPRequest
        do {
            request = try .json(.POST, pds.appending(path: "xrpc/com.atproto.server.createSession"), Login(identifier: did, password: typed))
        } catch { throw PlatformError(.unexpectedResponse, .bluesky, "The sign-in request could not be encoded.") }
        let now = Date()
        let response = try await send(request)
        let session = try Self.session(from: response, hiding: typed, doing: "signing in")
        guard session.did == did else { throw PlatformError(.invalidGrant, .bluesky, "Bluesky signed in a different account; try again.") }
        let access = BlueskyStoredToken.bearer(session.accessJwt)
        let location = BlueskyAccountLocation(did: did, pds: pds, issuer: pds, claimedHandle: document.claimedHandle())
        let handle = await verifiedHandle(location)
        let name = await displayName(did: did, pds: pds, token: access)
        return OAuthResult(
            platformUserID: did, username: handle, displayName: name ?? handle ?? did, accessToken: access.encoded,
            refreshToken: BlueskyStoredToken.bearer(session.refreshJwt).encoded,
            expiresAt: SafeDate.adding(seconds: Self.appPasswordAccessLifetime, to: now),
            extraData: Self.extraData(did: did, handle: handle, pds: pds, issuer: nil, mode: "app_password"))
    }

    /// `refreshSession` with the refresh JWT as Bearer: new access and refresh JWTs.
    func refreshAppPasswordSession(_ refreshJWT: String, credentials: StoredCredentials) async throws(PlatformError) -> OAuthResult {
        let pds = try Self.pds(of: credentials)
        let now = Date()
        let response = try await send(
            PlatformHTTPRequest(.POST, pds.appending(path: "xrpc/com.atproto.server.refreshSession"), headers: [PlatformRequester.bearer(refreshJWT)])
        )
        let session = try Self.session(from: response, hiding: refreshJWT, doing: "renewing the session")
        guard session.did == credentials.platformUserID else {
            throw PlatformError(.invalidGrant, .bluesky, "Bluesky renewed a session for a different account; connect again.")
        }
        return OAuthResult(
            platformUserID: credentials.platformUserID, username: credentials.username,
            accessToken: BlueskyStoredToken.bearer(session.accessJwt).encoded, refreshToken: BlueskyStoredToken.bearer(session.refreshJwt).encoded,
            expiresAt: SafeDate.adding(seconds: Self.appPasswordAccessLifetime, to: now), extraData: credentials.extraData)
    }

    /// `deleteSession` with the refresh JWT: the session ends.
    func deleteAppPasswordSession(_ refreshJWT: String, pds: URL) async throws(PlatformError) {
        let response = try await send(
            PlatformHTTPRequest(.POST, pds.appending(path: "xrpc/com.atproto.server.deleteSession"), headers: [PlatformRequester.bearer(refreshJWT)]))
        // A session that is already over needs no ending.
        guard (200..<300).contains(response.status) || Self.tokenIsDead(response) else { throw Self.error(for: response, doing: "signing out") }
    }

    /// A session answer, checked; errors without the password or token in them.
    static func session(from response: PlatformHTTPResponse, hiding secret: String, doing action: String) throws(PlatformError) -> SessionAnswer {
        if (200..<300).contains(response.status) {
            guard let session = response.decode(SessionAnswer.self), BlueskyStoredToken.plausible(session.accessJwt),
                BlueskyStoredToken.plausible(session.refreshJwt), BlueskyIdentifier.isDID(session.did)
            else { throw PlatformError(.unexpectedResponse, .bluesky, "Bluesky's session answer is unreadable.") }
            return session
        }
        let name = response.decode(BlueskyErrorBody.self)?.error
        switch (response.status, name) {
        case (401, "AuthFactorTokenRequired"):
            throw PlatformError(.permissionMissing, .bluesky, "This account asks for an e-mail code at sign-in, which app passwords cannot give.")
        case (401, "AuthenticationRequired"):
            throw PlatformError(.permissionMissing, .bluesky, "Bluesky refused the handle or app password.")
        case (_, "AccountTakedown"):
            throw PlatformError(.accountNotEligible, .bluesky, "Bluesky has taken this account down.")
        case (429, _):
            throw PlatformError(
                .rateLimited, .bluesky, "Bluesky is limiting sign-ins for this account; try again later.", retryAfter: retryAfter(response))
        default:
            if tokenIsDead(response) { throw PlatformError(.invalidGrant, .bluesky, "Bluesky ended this session; connect again.") }
            throw error(for: response, doing: action, hiding: secret)
        }
    }
}
