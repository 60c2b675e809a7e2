import Foundation

/// Bluesky XRPC on the PDSes and the bsky.social entryway: app-password sessions, identity, blobs,
/// posts, rate limits and errors (docs/platforms/bluesky.md, "App-password sessions" to "Errors").
extension SandboxState {
    /// Raw upload limit: the PDS code default, the lowest documented value (docs/platforms/bluesky.md, "Blobs").
    static let blueskyUploadLimit = 5 * 1024 * 1024
    static let blueskyAppPasswordClient = "app-password"

    func blueskyXRPC(_ request: SandboxRequest, method: String) -> SandboxResponse {
        switch (request.method, method) {
        case (.get, "com.atproto.identity.resolveHandle"): return blueskyResolveHandle(request)
        case (.post, "com.atproto.server.createSession"): return blueskyCreateSession(request)
        case (.post, "com.atproto.server.refreshSession"): return blueskyRefreshSession(request)
        case (.post, "com.atproto.server.deleteSession"): return blueskyDeleteSession(request)
        case (.get, "com.atproto.server.getSession"):
            return blueskyAuthenticated(request, scope: nil) { token in
                guard let account = self.blueskyAccount(token.accountID) else {
                    return Self.xrpcError(400, "InvalidToken", "Token could not be verified")
                }
                return .object(["handle": account.handle, "did": account.did, "didDoc": Self.didDocument(account), "active": true])
            }
        case (.get, "app.bsky.actor.getProfile"): return blueskyGetProfile(request)
        case (.post, "com.atproto.repo.uploadBlob"): return blueskyUploadBlob(request)
        case (.post, "com.atproto.repo.createRecord"): return blueskyCreateRecord(request)
        case (.get, "com.atproto.repo.getRecord"): return blueskyGetRecord(request)
        case (.post, "com.atproto.repo.deleteRecord"): return blueskyDeleteRecord(request)
        case (_, let name) where name.split(separator: ".").count >= 3:
            let known = [
                "com.atproto.identity.resolveHandle", "com.atproto.server.createSession", "com.atproto.server.refreshSession",
                "com.atproto.server.deleteSession", "com.atproto.server.getSession", "app.bsky.actor.getProfile",
                "com.atproto.repo.uploadBlob", "com.atproto.repo.createRecord", "com.atproto.repo.getRecord", "com.atproto.repo.deleteRecord",
            ]
            if known.contains(name) {
                return Self.xrpcError(400, "InvalidRequest", "Incorrect HTTP method (\(request.method.rawValue)) expected another")
            }
            return Self.xrpcError(501, "MethodNotImplemented", "Method Not Implemented")
        default:
            return Self.xrpcError(404, "NotFound", "Not Found")
        }
    }

    // MARK: Authentication

    /// Checks the access token (app-password `Bearer`, or OAuth `DPoP` with a proof bound to the
    /// session's key) and, for OAuth sessions, the scope; then runs `body`.
    func blueskyAuthenticated(
        _ request: SandboxRequest, scope: BlueskyScopeNeed?, _ body: (IssuedToken) -> SandboxResponse
    ) -> SandboxResponse {
        guard let header = request.header("Authorization"), !header.isEmpty else {
            return Self.xrpcError(401, "AuthMissing", "Authentication Required")
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2 else { return Self.xrpcError(400, "InvalidToken", "Token could not be verified") }
        let scheme = parts[0].lowercased()
        let value = String(parts[1]).trimmingCharacters(in: .whitespaces)
        var proofKey: String?
        if scheme == "dpop" {
            switch blueskyDPoP(request, accessToken: value) {
            case .success(let jkt): proofKey = jkt
            case .failure(.useNonce(let text)): return Self.dpopChallenge("use_dpop_nonce", text)
            case .failure(.invalid(let text)): return Self.dpopChallenge("invalid_dpop_proof", text)
            }
        } else if scheme != "bearer" {
            return Self.xrpcError(400, "InvalidToken", "Token could not be verified")
        }
        guard let token = tokens[value], token.platform == .bluesky, token.kind == .access, let sessionID = token.session,
            let session = bluesky.sessions[sessionID]
        else { return Self.xrpcError(400, "InvalidToken", "Token could not be verified") }
        let hosts =
            session.kind == .appPassword && blueskyAccount(token.accountID)?.authorizationHost == "bsky.social"
            ? [token.instance, "bsky.social"] : [token.instance]
        guard hosts.contains(request.host) else { return Self.xrpcError(400, "InvalidToken", "Token could not be verified") }
        switch session.kind {
        case .appPassword:
            guard scheme == "bearer" else { return Self.xrpcError(400, "InvalidToken", "Token could not be verified") }
        case .oauth:
            guard scheme == "dpop" else { return Self.dpopChallenge("invalid_token", "DPoP-bound access token requires the DPoP scheme and a proof") }
            guard proofKey == session.dpopJKT else { return Self.dpopChallenge("invalid_token", "Invalid DPoP key binding") }
        }
        guard !token.revoked, !session.revoked else { return Self.xrpcError(400, "ExpiredToken", "Token has been revoked") }
        guard !token.isExpired(at: now) else { return Self.xrpcError(400, "ExpiredToken", "Token has expired") }
        if session.kind == .oauth, let scope, !scope.allowed(by: session.scopes) {
            return Self.xrpcError(403, "ScopeMissingError", "Missing required scope \"\(scope.description)\"")
        }
        return body(token)
    }

    /// A 401 carrying a DPoP challenge (RFC 9449 §7.1), as the PDS answers proof problems.
    static func dpopChallenge(_ error: String, _ text: String) -> SandboxResponse {
        .object(
            .unauthorized, ["error": error, "message": text],
            headers: [
                ("WWW-Authenticate", "DPoP error=\"\(error)\", error_description=\"\(text)\""),
                ("Access-Control-Expose-Headers", "DPoP-Nonce, WWW-Authenticate"),
            ])
    }

    // MARK: App-password sessions

    func blueskyCreateSession(_ request: SandboxRequest) -> SandboxResponse {
        guard request.contentType == "application/json", let body = try? JSONSerialization.jsonObject(with: request.body) as? [String: Any] else {
            return Self.xrpcError(400, "InvalidRequest", "Request encoding (Content-Type) not supported")
        }
        guard let identifier = body["identifier"] as? String, let password = body["password"] as? String else {
            return Self.xrpcError(400, "InvalidRequest", "Input must have the property \"identifier\" and \"password\"")
        }
        let account = blueskyAccount(identifier)
        // 30 / 5 min per account; a day's budget of 100 on the entryway, 300 on a PDS (docs/platforms/bluesky.md, "Create session").
        let who = account?.did ?? identifier.lowercased()
        let daily = request.host == "bsky.social" ? 100 : 300
        var short = rateWindows["bluesky:createSession:5m:\(who)"] ?? RateWindow(limit: 30, length: 300, start: now, used: 0)
        var day = rateWindows["bluesky:createSession:day:\(request.host):\(who)"] ?? RateWindow(limit: daily, length: 86_400, start: now, used: 0)
        let allowed = short.take(at: now) && day.take(at: now)
        rateWindows["bluesky:createSession:5m:\(who)"] = short
        rateWindows["bluesky:createSession:day:\(request.host):\(who)"] = day
        let tight = short.remaining <= day.remaining ? (short, 300) : (day, 86_400)
        let headers = Self.rateHeaders(tight.0, window: tight.1)
        guard allowed else { return Self.xrpcError(429, "RateLimitExceeded", "Rate Limit Exceeded", headers: headers) }
        guard let account, [account.pdsHost, account.authorizationHost].contains(request.host),
            PKCE.constantTimeEqual(password, account.appPassword)
        else { return Self.xrpcError(401, "AuthenticationRequired", "Invalid identifier or password", headers: headers) }
        let session = BlueskySession(
            id: randomSecret(bytes: 12), kind: .appPassword, did: account.did, clientID: Self.blueskyAppPasswordClient,
            scopes: ["com.atproto.appPass"], dpopJKT: nil, createdAt: now)
        bluesky.sessions[session.id] = session
        return blueskySessionAnswer(session, account: account).adding(headers)
    }

    /// Access JWT 120 min, refresh JWT 90 days (docs/platforms/bluesky.md, "Lifetimes and refresh").
    private func blueskySessionAnswer(_ session: BlueskySession, account: DemoBlueskyAccount, refresh: String? = nil) -> SandboxResponse {
        let access = blueskyToken(
            kind: .access, session: session, instance: account.pdsHost, lifetime: 7200,
            claims: ["scope": "com.atproto.appPass", "aud": "did:web:\(account.pdsHost)"], typ: "at+jwt")
        let refreshValue =
            refresh
            ?? blueskyToken(
                kind: .refresh, session: session, instance: account.pdsHost, lifetime: 90 * 86_400,
                claims: ["scope": "com.atproto.refresh", "aud": "did:web:\(account.pdsHost)"], typ: "refresh+jwt")
        return .object([
            "accessJwt": access, "refreshJwt": refreshValue, "handle": account.handle, "did": account.did,
            "didDoc": Self.didDocument(account), "active": true,
        ])
    }

    /// The app-password refresh token from `Authorization: Bearer`, checked; nil answer = usable.
    private func blueskyRefreshToken(_ request: SandboxRequest) -> Result<IssuedToken, SandboxResponse> {
        guard let value = request.bearerToken else {
            return .failure(
                request.header("Authorization") == nil
                    ? Self.xrpcError(401, "AuthMissing", "Authentication Required")
                    : Self.xrpcError(400, "InvalidToken", "Token could not be verified"))
        }
        guard let token = tokens[value], token.platform == .bluesky, token.kind == .refresh, let sessionID = token.session,
            let session = bluesky.sessions[sessionID], session.kind == .appPassword, let account = blueskyAccount(token.accountID),
            [account.pdsHost, account.authorizationHost].contains(request.host)
        else { return .failure(Self.xrpcError(400, "InvalidToken", "Token could not be verified")) }
        guard !token.isExpired(at: now) else { return .failure(Self.xrpcError(400, "ExpiredToken", "Token has expired")) }
        return .success(token)
    }

    /// Rotation with a 2-hour grace: the old refresh token, used again within 2 h, yields the same successor.
    func blueskyRefreshSession(_ request: SandboxRequest) -> SandboxResponse {
        let token: IssuedToken
        switch blueskyRefreshToken(request) {
        case .success(let found): token = found
        case .failure(let answer): return answer
        }
        guard let sessionID = token.session, let session = bluesky.sessions[sessionID], !session.revoked,
            let account = blueskyAccount(token.accountID)
        else { return Self.xrpcError(400, "ExpiredToken", "Token has been revoked") }
        if token.revoked {
            guard let rotated = token.rotatedAt, now < rotated.addingTimeInterval(7200), let next = token.sibling, let successor = tokens[next],
                !successor.revoked
            else { return Self.xrpcError(400, "ExpiredToken", "Token has been revoked") }
            return blueskySessionAnswer(session, account: account, refresh: next)
        }
        let answer = blueskySessionAnswer(session, account: account)
        let next = (try? JSONSerialization.jsonObject(with: answer.body) as? [String: Any])?["refreshJwt"] as? String
        tokens[token.value]?.revoked = true
        tokens[token.value]?.rotatedAt = now
        tokens[token.value]?.sibling = next
        return answer
    }

    /// Logout: `Authorization: Bearer {refreshJwt}`; the whole session ends (its access tokens too — stricter than
    /// the PDS, whose access JWTs would live until they expire; NOTES.md "Bluesky").
    func blueskyDeleteSession(_ request: SandboxRequest) -> SandboxResponse {
        switch blueskyRefreshToken(request) {
        case .success(let token):
            if let session = token.session { endBlueskySession(session) }
            return .empty(.ok)
        case .failure(let answer): return answer
        }
    }

    // MARK: Identity, blobs, records

    func blueskyGetProfile(_ request: SandboxRequest) -> SandboxResponse {
        blueskyAuthenticated(request, scope: .rpc("app.bsky.actor.getProfile")) { _ in
            guard let actor = request.query["actor"], !actor.isEmpty else {
                return Self.xrpcError(400, "InvalidRequest", "Error: Params must have the property \"actor\"")
            }
            guard let account = self.blueskyAccount(actor) else { return Self.xrpcError(400, "InvalidRequest", "Profile not found") }
            var profile: [String: Any] = [
                "did": account.did, "handle": account.handle, "followersCount": 0, "followsCount": 0,
                "postsCount": self.posts.filter { $0.platform == .bluesky && $0.account == account.did }.count,
                "createdAt": "2023-04-12T10:00:00.000Z", "indexedAt": "2023-04-12T10:00:00.000Z",
                "labels": [Any](), "associated": ["lists": 0, "feedgens": 0, "starterPacks": 0, "labeler": false],
            ]
            if !account.name.isEmpty { profile["displayName"] = account.name }
            return .object(profile)
        }
    }

    /// Raw bytes up to the PDS's upload limit (413 above it). The stored MIME type is the one the
    /// bytes show (JPEG, PNG, GIF, WebP), else the declared `Content-Type`.
    func blueskyUploadBlob(_ request: SandboxRequest) -> SandboxResponse {
        let declared = request.contentType
        let mimeType = Self.sniffImage(request.body) ?? declared
        return blueskyAuthenticated(request, scope: .blob(mimeType)) { token in
            guard request.body.count <= Self.blueskyUploadLimit else {
                return Self.xrpcError(413, "PayloadTooLarge", "request entity too large")
            }
            guard !declared.isEmpty, declared.contains("/") else { return Self.xrpcError(400, "InvalidRequest", "Missing or invalid Content-Type") }
            guard !request.body.isEmpty else { return Self.xrpcError(400, "InvalidRequest", "Request body is empty") }
            let cid = BlueskyCID.cid(request.body, codec: 0x55)
            self.bluesky.blobs[cid] = BlueskyBlob(cid: cid, did: token.accountID, mimeType: mimeType, size: request.body.count, uploadedAt: self.now)
            return .object(["blob": ["$type": "blob", "ref": ["$link": cid], "mimeType": mimeType, "size": request.body.count]])
        }
    }

    static func sniffImage(_ data: Data) -> String? {
        let bytes = Array(data.prefix(12))
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        if bytes.starts(with: Array("GIF8".utf8)) { return "image/gif" }
        if bytes.count == 12, bytes.starts(with: Array("RIFF".utf8)), Array(bytes[8..<12]) == Array("WEBP".utf8) { return "image/webp" }
        return nil
    }

    func blueskyCreateRecord(_ request: SandboxRequest) -> SandboxResponse {
        blueskyAuthenticated(request, scope: .repo("app.bsky.feed.post", action: "create")) { token in
            guard request.contentType == "application/json", let body = try? JSONSerialization.jsonObject(with: request.body) as? [String: Any]
            else { return Self.xrpcError(400, "InvalidRequest", "Request encoding (Content-Type) not supported") }
            guard let repo = body["repo"] as? String, let collection = body["collection"] as? String, let record = body["record"] as? [String: Any]
            else { return Self.xrpcError(400, "InvalidRequest", "Input must have the properties \"repo\", \"collection\" and \"record\"") }
            guard let account = self.blueskyAccount(token.accountID), repo == account.did || repo.lowercased() == account.handle else {
                return Self.xrpcError(401, "AuthenticationRequired", "Authentication Required")
            }
            guard collection == "app.bsky.feed.post" else {
                return Self.xrpcError(400, "InvalidRequest", "The sandbox emulates the app.bsky.feed.post collection only")
            }
            if let validate = body["validate"], !BlueskyJSON.isTrue(validate) {
                return Self.xrpcError(400, "InvalidRequest", "The sandbox always validates app.bsky.feed.post records")
            }
            // Writes cost 3 points of 5,000 per hour per account (docs/platforms/bluesky.md, "Limits").
            let key = "bluesky:writes:\(account.did)"
            var window = self.rateWindows[key] ?? RateWindow(limit: 5000, length: 3600, start: self.now, used: 0)
            if self.now >= window.reset {
                window.start = self.now
                window.used = 0
            }
            let allowed = window.used + 3 <= window.limit
            if allowed { window.used += 3 }
            self.rateWindows[key] = window
            let headers = Self.rateHeaders(window, window: 3600)
            guard allowed else { return Self.xrpcError(429, "RateLimitExceeded", "Rate Limit Exceeded", headers: headers) }
            let post: BlueskyPostRecord
            do throws(BlueskyPostRecord.Refusal) {
                post = try BlueskyPostRecord.read(
                    record, blob: { cid in self.bluesky.blobs[cid].flatMap { $0.did == account.did ? $0 : nil } }, now: self.now)
            } catch {
                return Self.xrpcError(error.status, error.error, error.message, headers: headers)
            }
            var rkey = BlueskyCID.tid(at: self.now, clock: UInt64(self.posts.count))
            if let given = body["rkey"] {
                guard let text = given as? String, BlueskyCID.validRecordKey(text) else {
                    return Self.xrpcError(400, "InvalidRequest", "Input/rkey must be a valid Record Key", headers: headers)
                }
                rkey = text
            }
            let uri = "at://\(account.did)/app.bsky.feed.post/\(rkey)"
            guard self.bluesky.records[uri] == nil else {
                // An existing key fails inside the repository code (docs/platforms/bluesky.md, "Safe retries").
                return Self.xrpcError(500, "InternalServerError", "Internal Server Error", headers: headers)
            }
            let json = (try? JSONSerialization.data(withJSONObject: record, options: [.sortedKeys])) ?? Data()
            let cid = BlueskyCID.cid(json, codec: 0x71)
            self.bluesky.records[uri] = BlueskyStoredRecord(uri: uri, cid: cid, did: account.did, json: json)
            var stored = SandboxPost(
                id: uri, platform: .bluesky, host: "bsky.app", account: account.did, accountName: account.handle, text: post.text,
                link: post.link, imageURL: nil, url: "https://bsky.app/profile/\(account.did)/post/\(rkey)", time: self.now)
            stored.thumbnail = post.thumb?.cid
            stored.thumbnailBytes = post.thumb?.size
            stored.facets = post.facets
            stored.langs = post.langs
            stored.cardTitle = post.cardTitle
            stored.language = post.langs.first
            self.record(stored)
            let rev = BlueskyCID.tid(at: self.now, clock: 1)
            return .object(
                [
                    "uri": uri, "cid": cid, "commit": ["cid": BlueskyCID.cid(Data((uri + rev).utf8), codec: 0x71), "rev": rev],
                    "validationStatus": "valid",
                ],
                headers: headers)
        }
    }

    /// Public read of a record (`com.atproto.repo.getRecord`; docs/platforms/bluesky.md, "Safe retries").
    func blueskyGetRecord(_ request: SandboxRequest) -> SandboxResponse {
        guard let repo = request.query["repo"], let collection = request.query["collection"], let rkey = request.query["rkey"] else {
            return Self.xrpcError(400, "InvalidRequest", "Error: Params must have the properties \"repo\", \"collection\" and \"rkey\"")
        }
        let did = blueskyAccount(repo)?.did ?? repo
        let uri = "at://\(did)/\(collection)/\(rkey)"
        guard let stored = bluesky.records[uri], let value = try? JSONSerialization.jsonObject(with: stored.json) else {
            return Self.xrpcError(400, "RecordNotFound", "Could not locate record: \(uri)")
        }
        return .object(["uri": uri, "cid": stored.cid, "value": value])
    }

    func blueskyDeleteRecord(_ request: SandboxRequest) -> SandboxResponse {
        blueskyAuthenticated(request, scope: .repo("app.bsky.feed.post", action: "delete")) { token in
            guard let body = try? JSONSerialization.jsonObject(with: request.body) as? [String: Any], let repo = body["repo"] as? String,
                let collection = body["collection"] as? String, let rkey = body["rkey"] as? String
            else { return Self.xrpcError(400, "InvalidRequest", "Input must have the properties \"repo\", \"collection\" and \"rkey\"") }
            guard let account = self.blueskyAccount(token.accountID), repo == account.did || repo.lowercased() == account.handle else {
                return Self.xrpcError(401, "AuthenticationRequired", "Authentication Required")
            }
            let uri = "at://\(account.did)/\(collection)/\(rkey)"
            // Deleting a record that does not exist is a no-op without a commit (docs/platforms/bluesky.md, "Safe retries").
            guard self.bluesky.records.removeValue(forKey: uri) != nil else { return .object([:]) }
            self.posts.removeAll { $0.platform == .bluesky && $0.id == uri }
            let rev = BlueskyCID.tid(at: self.now, clock: 2)
            return .object(["commit": ["cid": BlueskyCID.cid(Data((uri + rev).utf8), codec: 0x71), "rev": rev]])
        }
    }

    /// `RateLimit-*` headers (IETF draft style; reset in epoch seconds).
    static func rateHeaders(_ window: RateWindow, window length: Int) -> [(String, String)] {
        [
            ("RateLimit-Limit", String(window.limit)), ("RateLimit-Remaining", String(window.remaining)),
            ("RateLimit-Reset", Timestamps.epoch(window.reset)), ("RateLimit-Policy", "\(window.limit);w=\(length)"),
        ]
    }

    /// A switched-on failure as Bluesky answers it.
    func blueskyFailure(_ mode: FailureRule.Mode) -> SandboxResponse {
        switch mode {
        case .expiredToken: return Self.xrpcError(400, "ExpiredToken", "Token has expired")
        case .revokedToken: return Self.xrpcError(400, "ExpiredToken", "Token has been revoked")
        case .rateLimit:
            let window = RateWindow(limit: 5000, length: 3600, start: now, used: 5000)
            return Self.xrpcError(429, "RateLimitExceeded", "Rate Limit Exceeded", headers: Self.rateHeaders(window, window: 3600))
        default: return Self.xrpcError(500, "InternalServerError", "Internal Server Error")
        }
    }

    /// `bsky.app/profile/{did or handle}/post/{rkey}`.
    func blueskyPostPage(_ request: SandboxRequest) -> SandboxResponse {
        let s = request.segments
        let missing = SandboxResponse.html(.notFound, HTML.errorPage(platformName: "Bluesky", message: "Post not found"))
        guard request.method == .get, s.count == 4, s[0] == "profile", s[2] == "post", let account = blueskyAccount(s[1]) else { return missing }
        let url = "https://bsky.app/profile/\(account.did)/post/\(s[3])"
        return posts.first { $0.platform == .bluesky && $0.url == url }.map { .html(HTML.postPage(platformName: "Bluesky", post: $0)) } ?? missing
    }
}

/// What an OAuth session's scope must grant for a call (docs/platforms/bluesky.md, "Scopes"); app-password
/// sessions and `transition:generic` grant all of these.
enum BlueskyScopeNeed: Sendable, CustomStringConvertible {
    case repo(String, action: String)
    case blob(String)
    case rpc(String)

    var description: String {
        switch self {
        case .repo(let collection, let action): "repo:\(collection)?action=\(action)"
        case .blob(let mime): "blob:\(mime)"
        case .rpc(let method): "rpc:\(method)?aud=did:web:api.bsky.app#bsky_appview"
        }
    }

    func allowed(by scopes: [String]) -> Bool {
        if scopes.contains("transition:generic") { return true }
        return scopes.contains { grants($0) }
    }

    private func grants(_ scope: String) -> Bool {
        let parts = scope.split(separator: "?", maxSplits: 1)
        let head = String(parts.first ?? "")
        let query = FormCoding.decodeAll(parts.count > 1 ? String(parts[1]) : "")
        switch self {
        case .repo(let collection, let action):
            let named = head.hasPrefix("repo:") ? [String(head.dropFirst(5))] : (head == "repo" ? query["collection"] ?? [] : [])
            guard named.contains(collection) || named.contains("*") else { return false }
            let actions = query["action"] ?? []
            return actions.isEmpty || actions.contains(action)
        case .blob(let mime):
            let accepted = head.hasPrefix("blob:") ? [String(head.dropFirst(5))] : (head == "blob" ? query["accept"] ?? [] : [])
            return accepted.contains { pattern in
                pattern == "*/*" || pattern == mime || (pattern.hasSuffix("/*") && mime.hasPrefix(String(pattern.dropLast(1))))
            }
        case .rpc(let method):
            let named = head.hasPrefix("rpc:") ? [String(head.dropFirst(4))] : (head == "rpc" ? query["lxm"] ?? [] : [])
            return (named.contains(method) || named.contains("*")) && !(query["aud"] ?? []).isEmpty
        }
    }
}
