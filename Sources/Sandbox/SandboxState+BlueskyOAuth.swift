import Crypto
import Foundation

/// The atproto OAuth authorization server of bsky.social and of the self-hosted PDS: PAR, consent,
/// token (code and refresh with rotation), revocation, with PKCE S256, DPoP proofs and nonces and
/// `private_key_jwt` client authentication (docs/platforms/bluesky.md, "OAuth") — or none, for the public
/// localhost development client ("Localhost clients").
extension SandboxState {
    static let blueskyAssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
    /// Lifetimes (docs/platforms/bluesky.md, "Lifetimes"): access 60 min, PAR 5 min, confidential
    /// clients' refresh 3 months after last use and sessions 2 years, public clients' 2 weeks each;
    /// codes 1 min (assumption).
    static let blueskyAccessLifetime: TimeInterval = 3600
    static let blueskyRefreshLifetime: TimeInterval = 90 * 86_400
    static let blueskySessionLifetime: TimeInterval = 2 * 365 * 86_400
    static let blueskyPublicRefreshLifetime: TimeInterval = 14 * 86_400
    static let blueskyPublicSessionLifetime: TimeInterval = 14 * 86_400
    static let blueskyRequestLifetime: TimeInterval = 300
    static let blueskyCodeLifetime: TimeInterval = 60

    static func oauthError(_ status: Int, _ error: String, _ description: String, headers: [(String, String)] = []) -> SandboxResponse {
        .object(.init(code: status), ["error": error, "error_description": description], headers: [("Cache-Control", "no-store")] + headers)
    }

    /// OAuth routes of an authorization-server host; nil for any other path.
    func blueskyOAuthRespond(_ request: SandboxRequest) -> SandboxResponse? {
        switch (request.method, request.segments) {
        case (.get, [".well-known", "oauth-authorization-server"]): return blueskyServerMetadata(request)
        case (.get, ["oauth", "jwks"]): return .object(["keys": [Any]()])
        case (.post, ["oauth", "par"]): return blueskyPAR(request)
        case (.get, ["oauth", "authorize"]), (.post, ["oauth", "authorize"]): return blueskyAuthorize(request)
        case (.post, ["oauth", "token"]): return blueskyToken(request)
        case (.post, ["oauth", "revoke"]): return blueskyRevoke(request)
        default: return nil
        }
    }

    // MARK: Client metadata and authentication

    /// The fetch address of a client-document URL: https only, never a localhost name or an IP address, and
    /// only for an origin the sandbox was told where to fetch from (NOTES.md "Bluesky", "Client metadata fetch").
    func blueskyFetchAddress(_ url: String) -> String? {
        guard let components = URLComponents(string: url), components.scheme == "https", let host = components.host, !host.isEmpty,
            components.user == nil, components.password == nil, components.fragment == nil, Self.blueskyInternetHost(host)
        else { return nil }
        let origin = "https://" + host.lowercased() + (components.port.map { ":\($0)" } ?? "")
        guard let base = bluesky.clientOrigins[origin] else { return nil }
        return base + components.percentEncodedPath + (components.percentEncodedQuery.map { "?" + $0 } ?? "")
    }

    /// Whether a host may be a client id's: not `localhost`, `*.localhost` nor an IP literal (the reference
    /// server wants a public-suffix domain; the sandbox, whose test origins are `.example`, checks only these).
    static func blueskyInternetHost(_ host: String) -> Bool {
        let name = host.lowercased()
        let ipv4 = name.split(separator: ".", omittingEmptySubsequences: false).count == 4 && name.allSatisfy { $0 == "." || $0.isNumber }
        return name != "localhost" && !name.hasSuffix(".localhost") && !ipv4 && !name.contains(":") && !name.hasPrefix("[")
    }

    /// The request's client: the localhost development client made up from its id ("Localhost clients"), or
    /// the fetched client metadata, checked (docs/platforms/bluesky.md, "Client metadata").
    func blueskyClient(_ request: SandboxRequest) -> Result<BlueskyClient, SandboxResponse> {
        func refuse(_ text: String) -> Result<BlueskyClient, SandboxResponse> {
            .failure(Self.oauthError(400, "invalid_client_metadata", text))
        }
        guard let clientID = request.form["client_id"], !clientID.isEmpty else {
            return .failure(Self.oauthError(400, "invalid_request", "Missing \"client_id\""))
        }
        if BlueskyLoopbackClientID.claims(clientID) {
            switch BlueskyLoopbackClientID.client(clientID) {
            case .success(let client): return .success(client)
            case .failure(let refusal): return refuse("Invalid loopback client ID: \(refusal.reason)")
            }
        }
        if let host = URLComponents(string: clientID)?.host, clientID.hasPrefix("https://"), !Self.blueskyInternetHost(host) {
            let name = host.lowercased()
            guard name == "localhost" || name.hasSuffix(".localhost") else { return refuse("The client_id's host must not be an IP address") }
            return .failure(Self.oauthError(400, "invalid_client_id", "The client_id's host must be an internet domain name, not localhost"))
        }
        guard let fetched = request.blueskyClient else { return refuse("Unable to obtain client metadata for \"\(clientID)\"") }
        guard case .fetched(let data, let jwksData) = fetched else {
            if case .failed(let reason) = fetched { return refuse(reason) }
            return refuse("Unable to obtain client metadata")
        }
        guard let metadata = BlueskyJWS.object(data) else { return refuse("Client metadata is not a JSON object") }
        guard metadata["client_id"] as? String == clientID else { return refuse("client_id does not match the document URL") }
        guard BlueskyJSON.isTrue(metadata["dpop_bound_access_tokens"]) else {
            return refuse("\"dpop_bound_access_tokens\" must be true")
        }
        let list = { (name: String) -> [String] in (metadata[name] as? [any Sendable])?.compactMap { $0 as? String } ?? [] }
        guard list("response_types").contains("code") else { return refuse("\"response_types\" must include \"code\"") }
        guard list("grant_types").contains("authorization_code") else { return refuse("\"grant_types\" must include \"authorization_code\"") }
        let redirects = list("redirect_uris")
        guard !redirects.isEmpty else { return refuse("At least one redirect_uri is required") }
        let applicationType = metadata["application_type"] as? String ?? "web"
        guard applicationType == "web" else { return refuse("The sandbox emulates web clients only") }
        for uri in redirects {
            guard let url = URLComponents(string: uri), url.scheme == "https", let host = url.host, host != "localhost",
                !host.hasSuffix(".localhost"), host != "127.0.0.1", host != "[::1]"
            else { return refuse("Web clients must use https redirect URIs that are not loopback: \(uri)") }
        }
        let scopes = (metadata["scope"] as? String ?? "").split(separator: " ").map(String.init)
        guard scopes.contains("atproto") else { return refuse("\"scope\" must include \"atproto\"") }
        guard metadata["token_endpoint_auth_method"] as? String == "private_key_jwt" else {
            return refuse("The sandbox emulates confidential clients: token_endpoint_auth_method must be \"private_key_jwt\"")
        }
        guard metadata["token_endpoint_auth_signing_alg"] as? String == "ES256" else {
            return refuse("\"token_endpoint_auth_signing_alg\" must be \"ES256\"")
        }
        let embedded = metadata["jwks"] as? [String: any Sendable]
        guard (embedded == nil) != (metadata["jwks_uri"] == nil) else { return refuse("Exactly one of \"jwks\" and \"jwks_uri\" is required") }
        guard let jwks = embedded ?? jwksData.flatMap(BlueskyJWS.object) else { return refuse("The client's JWKS could not be obtained") }
        let keys = (jwks["keys"] as? [any Sendable] ?? []).compactMap { $0 as? [String: any Sendable] }
            .filter { BlueskyJWS.publicKey(jwk: $0) != nil && $0["kid"] is String }
        guard !keys.isEmpty else { return refuse("The client's JWKS holds no usable P-256 key with a \"kid\"") }
        return .success(BlueskyClient(id: clientID, kind: .confidentialWeb, redirectURIs: redirects, scopes: scopes, keys: keys))
    }

    /// Checks the `private_key_jwt` client assertion: ES256 by a key of the client's JWKS, `iss` = `sub` =
    /// client id, `aud` = this issuer, fresh (`iat` within 1 min) and never seen before. A public client
    /// sends no credentials at all (NOTES.md "Bluesky", assumptions: the reference ignores them).
    func blueskyAuthenticate(_ request: SandboxRequest, client: BlueskyClient) -> SandboxResponse? {
        let invalid = { (text: String) in Self.oauthError(401, "invalid_client", text) }
        if client.kind == .localhostDevelopment {
            let sent = ["client_assertion", "client_assertion_type", "client_secret"].filter { request.form[$0] != nil }
            guard sent.isEmpty else {
                return invalid(
                    "A localhost client is a public client (token_endpoint_auth_method \"none\") and must not send "
                        + sent.map { "\"\($0)\"" }.joined(separator: ", "))
            }
            return nil
        }
        guard request.form["client_assertion_type"] == Self.blueskyAssertionType, let text = request.form["client_assertion"] else {
            return invalid("Client authentication (private_key_jwt) is required")
        }
        guard let jws = BlueskyJWS(text), jws.headerString("alg") == "ES256", let kid = jws.headerString("kid"),
            let jwk = client.keys.first(where: { $0["kid"] as? String == kid }), let key = BlueskyJWS.publicKey(jwk: jwk),
            jws.verifies(with: key)
        else { return invalid("Invalid client assertion signature") }
        guard jws.string("iss") == client.id, jws.string("sub") == client.id else {
            return invalid("Client assertion iss and sub must be the client_id")
        }
        guard let aud = jws.string("aud"), Self.blueskyIssuerForms(request).contains(aud) else {
            return invalid("Client assertion audience must be this issuer")
        }
        let nowSeconds = Int(now.timeIntervalSince1970)
        guard let iat = jws.seconds("iat"), iat <= nowSeconds + 10, iat >= nowSeconds - 60 else {
            return invalid("Client assertion is too old or from the future")
        }
        if jws.claims["exp"] != nil {
            guard let exp = jws.seconds("exp"), exp > nowSeconds else { return invalid("Client assertion has expired") }
        }
        guard let jti = jws.string("jti"), !jti.isEmpty, jti.utf8.count <= 256 else { return invalid("Client assertion needs a \"jti\"") }
        let seen = "assertion \(request.host) \(client.id) \(jti)"
        guard bluesky.seenJTIs[seen] == nil else { return invalid("Client assertion replayed") }
        remember(jti: seen)
        return nil
    }

    /// The issuer as the client may name it: the real `https://HOST` or the sandbox address.
    static func blueskyIssuerForms(_ request: SandboxRequest) -> Set<String> {
        ["https://" + request.host, request.origin + "/" + request.host]
    }

    func remember(jti key: String) {
        let horizon = now.addingTimeInterval(-600)
        if bluesky.seenJTIs.count > 5_000 { bluesky.seenJTIs = bluesky.seenJTIs.filter { $0.value > horizon } }
        bluesky.seenJTIs[key] = now
    }

    // MARK: DPoP

    /// The host's current DPoP nonce: a new one each minute, each accepted for 3 minutes.
    func blueskyNonce(_ host: String) -> String {
        let horizon = now.addingTimeInterval(-180)
        var issued = bluesky.nonces[host, default: [:]].filter { $0.value > horizon }
        if let current = issued.max(by: { $0.value < $1.value }), current.value > now.addingTimeInterval(-60) {
            bluesky.nonces[host] = issued
            return current.key
        }
        let fresh = randomSecret(bytes: 16)
        issued[fresh] = now
        bluesky.nonces[host] = issued
        return fresh
    }

    enum DPoPFailure: Error {
        case useNonce(String)
        case invalid(String)
    }

    /// Checks the request's DPoP proof (RFC 9449 §4.3) and answers the key's thumbprint. `accessToken`
    /// is given on resource calls, whose proof must carry its hash as `ath`.
    func blueskyDPoP(_ request: SandboxRequest, accessToken: String? = nil) -> Result<String, DPoPFailure> {
        let proofs = request.headers.filter { $0.name.canonicalName == "dpop" }
        guard proofs.count == 1, let proof = proofs.first?.value else { return .failure(.invalid("DPoP proof required")) }
        guard let jws = BlueskyJWS(proof), jws.headerString("typ") == "dpop+jwt", jws.headerString("alg") == "ES256",
            let jwk = jws.header["jwk"] as? [String: any Sendable], let key = BlueskyJWS.publicKey(jwk: jwk),
            let thumbprint = BlueskyJWS.thumbprint(jwk: jwk)
        else { return .failure(.invalid("Invalid DPoP proof")) }
        guard jws.verifies(with: key) else { return .failure(.invalid("Invalid DPoP proof signature")) }
        guard jws.string("htm") == request.method.rawValue else { return .failure(.invalid("DPoP htm mismatch")) }
        let real = "https://" + request.host + request.path
        guard let htu = jws.string("htu"), htu == real || htu == request.sandboxAddress(request.path) else {
            return .failure(.invalid("DPoP htu mismatch"))
        }
        let nowSeconds = Int(now.timeIntervalSince1970)
        guard let iat = jws.seconds("iat"), iat <= nowSeconds + 10, iat >= nowSeconds - 60 else {
            return .failure(.invalid("DPoP proof iat is out of range"))
        }
        guard let jti = jws.string("jti"), !jti.isEmpty, jti.utf8.count <= 256 else { return .failure(.invalid("DPoP proof needs a jti")) }
        let horizon = now.addingTimeInterval(-180)
        guard let nonce = jws.string("nonce"), let issued = bluesky.nonces[request.host]?[nonce], issued > horizon else {
            return .failure(.useNonce(jws.claims["nonce"] == nil ? "Authorization server requires nonce in DPoP proof" : "DPoP nonce mismatch"))
        }
        let seen = "dpop \(request.host) \(jti)"
        guard bluesky.seenJTIs[seen] == nil else { return .failure(.invalid("DPoP proof replayed")) }
        if let accessToken {
            let hash = Data(SHA256.hash(data: Data(accessToken.utf8))).base64URLEncoded
            guard jws.string("ath") == hash else { return .failure(.invalid("DPoP ath mismatch")) }
        }
        remember(jti: seen)
        return .success(thumbprint)
    }

    /// A DPoP failure as the authorization server answers it (400 with the OAuth error name).
    func blueskyServerDPoPError(_ failure: DPoPFailure, host: String) -> SandboxResponse {
        switch failure {
        case .useNonce(let text): Self.oauthError(400, "use_dpop_nonce", text)
        case .invalid(let text): Self.oauthError(400, "invalid_dpop_proof", text)
        }
    }

    // MARK: PAR, consent, token, revoke

    func blueskyPAR(_ request: SandboxRequest) -> SandboxResponse {
        guard request.contentType == "application/x-www-form-urlencoded" else {
            return Self.oauthError(400, "invalid_request", "Expected application/x-www-form-urlencoded")
        }
        let client: BlueskyClient
        switch blueskyClient(request) {
        case .success(let found): client = found
        case .failure(let answer): return answer
        }
        if let refusal = blueskyAuthenticate(request, client: client) { return refusal }
        let jkt: String
        switch blueskyDPoP(request) {
        case .success(let thumbprint): jkt = thumbprint
        case .failure(let failure): return blueskyServerDPoPError(failure, host: request.host)
        }
        let p = request.form
        guard p["request"] == nil, p["request_uri"] == nil else { return Self.oauthError(400, "invalid_request", "\"request\" is not supported") }
        guard p["response_type"] == "code" else { return Self.oauthError(400, "unsupported_response_type", "response_type must be \"code\"") }
        guard let redirect = p["redirect_uri"], client.allowsRedirect(redirect) else {
            return Self.oauthError(400, "invalid_request", "redirect_uri is missing or not registered in the client metadata")
        }
        guard let challenge = p["code_challenge"], !challenge.isEmpty else {
            return Self.oauthError(400, "invalid_request", "PKCE is required: code_challenge is missing")
        }
        guard p["code_challenge_method"] == "S256" else { return Self.oauthError(400, "invalid_request", "code_challenge_method must be S256") }
        guard challenge.utf8.count == 43, Data(base64URL: challenge)?.count == 32 else {
            return Self.oauthError(400, "invalid_request", "code_challenge must be a base64url SHA-256 digest")
        }
        guard let state = p["state"], !state.isEmpty, state.utf8.count <= 1024 else {
            return Self.oauthError(400, "invalid_request", "state is required")
        }
        let scopes = (p["scope"] ?? "").split(separator: " ").map(String.init)
        guard scopes.contains("atproto") else { return Self.oauthError(400, "invalid_scope", "The \"atproto\" scope is required") }
        guard scopes.allSatisfy(Self.blueskyScopeKnown) else {
            return Self.oauthError(400, "invalid_scope", "Unsupported scope")
        }
        guard scopes.allSatisfy(client.scopes.contains) else {
            return Self.oauthError(400, "invalid_scope", "Scope not declared in the client metadata")
        }
        let responseMode = p["response_mode"] ?? "query"
        guard ["query", "fragment", "form_post"].contains(responseMode) else {
            return Self.oauthError(400, "invalid_request", "Unsupported response_mode")
        }
        let uri = "urn:ietf:params:oauth:request_uri:req-" + randomSecret(bytes: 16)
        bluesky.pushed[uri] = BlueskyPushedRequest(
            clientID: client.id, issuerHost: request.host, redirectURI: redirect, scopes: scopes, state: state, codeChallenge: challenge,
            dpopJKT: jkt, loginHint: p["login_hint"], responseMode: responseMode, expiresAt: now.addingTimeInterval(Self.blueskyRequestLifetime))
        return .object(.created, ["request_uri": uri, "expires_in": Int(Self.blueskyRequestLifetime)], headers: [("Cache-Control", "no-store")])
    }

    /// `atproto`, the transition scopes and the granular permission forms (docs/platforms/bluesky.md, "Scopes").
    static func blueskyScopeKnown(_ scope: String) -> Bool {
        if ["atproto", "transition:generic", "transition:email", "transition:chat.bsky"].contains(scope) { return true }
        return ["repo:", "blob:", "rpc:", "account:", "identity:", "include:"].contains { scope.hasPrefix($0) && scope.count > $0.count }
    }

    /// GET shows the consent page for a pushed request; POST (the form) redirects with a code or `access_denied`.
    func blueskyAuthorize(_ request: SandboxRequest) -> SandboxResponse {
        let p = request.method == .post ? request.form : request.query
        let refuse = { (text: String) in SandboxResponse.html(.badRequest, HTML.errorPage(platformName: "Bluesky", message: text)) }
        guard let uri = p["request_uri"], let pushed = bluesky.pushed[uri], pushed.issuerHost == request.host else {
            return refuse("This authorization request is unknown. Pushed authorization (PAR) is required.")
        }
        guard p["client_id"] == pushed.clientID else { return refuse("client_id does not match the pushed request") }
        guard !pushed.used, now < pushed.expiresAt else { return refuse("This authorization request has expired or was already used.") }
        let served = DemoData.blueskyAccounts.filter { $0.authorizationHost == request.host }
        let hinted = { (account: DemoBlueskyAccount) in account.handle == pushed.loginHint || account.did == pushed.loginHint }
        let accounts = served.filter(hinted) + served.filter { !hinted($0) }
        if request.method == .get {
            return .html(
                HTML.consentPage(
                    platformName: "Bluesky",
                    appName: BlueskyLoopbackClientID.claims(pushed.clientID) ? BlueskyLoopbackClientID.displayName : pushed.clientID,
                    scopes: pushed.scopes,
                    accounts: accounts.map { DemoAccount(id: $0.did, username: $0.handle, name: $0.name) },
                    action: "/\(request.host)/oauth/authorize", hidden: [("client_id", pushed.clientID), ("request_uri", uri)]))
        }
        bluesky.pushed[uri]?.used = true
        let issuer = request.sandboxAddress("")
        guard p["decision"] == "allow" else {
            return blueskyRedirect(
                pushed, [("error", "access_denied"), ("error_description", "Access denied"), ("state", pushed.state), ("iss", issuer)])
        }
        guard let account = accounts.first(where: { $0.did == p["account"] }) else { return refuse("Unknown account") }
        var code = AuthorizationCode(
            value: "cod-" + randomSecret(bytes: 32), platform: .bluesky, instance: request.host, clientID: pushed.clientID,
            redirectURI: pushed.redirectURI, accountID: account.did, scopes: pushed.scopes, codeChallenge: pushed.codeChallenge,
            codeChallengeMethod: "S256", issuedAt: now, expiresAt: now.addingTimeInterval(Self.blueskyCodeLifetime))
        code.dpopJKT = pushed.dpopJKT
        codes[code.value] = code
        return blueskyRedirect(pushed, [("code", code.value), ("state", pushed.state), ("iss", issuer)])
    }

    private func blueskyRedirect(_ pushed: BlueskyPushedRequest, _ pairs: [(String, String)]) -> SandboxResponse {
        switch pushed.responseMode {
        case "fragment": return .redirect(pushed.redirectURI + "#" + FormCoding.encode(pairs))
        case "form_post":
            let fields = pairs.map { "<input type=\"hidden\" name=\"\(HTML.escape($0.0))\" value=\"\(HTML.escape($0.1))\">" }.joined()
            return .html(
                HTML.page(
                    title: "Bluesky",
                    body: "<form method=\"post\" action=\"\(HTML.escape(pushed.redirectURI))\">\(fields)<button>Continue</button></form>"))
        default: return .redirect(FormCoding.appendQuery(to: pushed.redirectURI, pairs))
        }
    }

    func blueskyToken(_ request: SandboxRequest) -> SandboxResponse {
        guard request.contentType == "application/x-www-form-urlencoded" else {
            return Self.oauthError(400, "invalid_request", "Expected application/x-www-form-urlencoded")
        }
        let client: BlueskyClient
        switch blueskyClient(request) {
        case .success(let found): client = found
        case .failure(let answer): return answer
        }
        if let refusal = blueskyAuthenticate(request, client: client) { return refusal }
        let jkt: String
        switch blueskyDPoP(request) {
        case .success(let thumbprint): jkt = thumbprint
        case .failure(let failure): return blueskyServerDPoPError(failure, host: request.host)
        }
        switch request.form["grant_type"] {
        case "authorization_code":
            let invalid = Self.oauthError(400, "invalid_grant", "Invalid code")
            guard let value = request.form["code"], var code = codes[value], code.platform == .bluesky, code.instance == request.host,
                code.clientID == client.id, !code.used, now < code.expiresAt
            else { return invalid }
            guard request.form["redirect_uri"] == code.redirectURI else { return Self.oauthError(400, "invalid_grant", "redirect_uri mismatch") }
            guard let verifier = request.form["code_verifier"], PKCE.verify(verifier: verifier, challenge: code.codeChallenge ?? "", method: "S256")
            else { return Self.oauthError(400, "invalid_grant", "Invalid code_verifier") }
            guard code.dpopJKT == jkt else { return Self.oauthError(400, "invalid_grant", "DPoP key mismatch") }
            code.used = true
            codes[value] = code
            let publicClient = client.kind == .localhostDevelopment
            let session = BlueskySession(
                id: randomSecret(bytes: 12), kind: .oauth, did: code.accountID, clientID: client.id, scopes: code.scopes, dpopJKT: jkt,
                createdAt: now,
                endsAt: now.addingTimeInterval(publicClient ? Self.blueskyPublicSessionLifetime : Self.blueskySessionLifetime),
                publicClient: publicClient)
            bluesky.sessions[session.id] = session
            return blueskyIssueOAuth(session, host: request.host)
        case "refresh_token":
            let invalid = Self.oauthError(400, "invalid_grant", "Invalid refresh token")
            guard let value = request.form["refresh_token"], let old = tokens[value], old.platform == .bluesky, old.kind == .refresh,
                let sessionID = old.session, let session = bluesky.sessions[sessionID], session.kind == .oauth, session.clientID == client.id,
                !session.revoked, old.instance == request.host
            else { return invalid }
            if old.revoked {
                // A rotated refresh token used again: treat it as stolen and end the session.
                endBlueskySession(sessionID)
                return Self.oauthError(400, "invalid_grant", "Refresh token replayed")
            }
            guard !old.isExpired(at: now), session.endsAt.map({ now < $0 }) ?? true else {
                return Self.oauthError(400, "invalid_grant", "Refresh token expired")
            }
            guard session.dpopJKT == jkt else { return Self.oauthError(400, "invalid_grant", "DPoP key mismatch") }
            // Rotation: the old refresh token and every access token of the session stop working.
            for (key, token) in tokens where token.session == sessionID { tokens[key]?.revoked = true }
            return blueskyIssueOAuth(session, host: request.host)
        default:
            return Self.oauthError(400, "unsupported_grant_type", "Unsupported grant_type")
        }
    }

    private func blueskyIssueOAuth(_ session: BlueskySession, host: String) -> SandboxResponse {
        let pds = DemoData.blueskyAccounts.first { $0.did == session.did }?.pdsHost ?? host
        let access = blueskyToken(
            kind: .access, session: session, instance: pds, lifetime: Self.blueskyAccessLifetime,
            claims: ["scope": session.scopes.joined(separator: " "), "aud": "did:web:\(pds)", "cnf": ["jkt": session.dpopJKT ?? ""]],
            typ: "at+jwt")
        let refresh = blueskyToken(
            kind: .refresh, session: session, instance: host,
            lifetime: session.publicClient ? Self.blueskyPublicRefreshLifetime : Self.blueskyRefreshLifetime, claims: nil, typ: nil)
        return .object(
            [
                "access_token": access, "token_type": "DPoP", "expires_in": Int(Self.blueskyAccessLifetime), "refresh_token": refresh,
                "scope": session.scopes.joined(separator: " "), "sub": session.did,
            ], headers: [("Cache-Control", "no-store")])
    }

    /// Mints a token of a session: a signed JWT when `claims` is given (opaque to clients), else an opaque value.
    func blueskyToken(
        kind: IssuedToken.Kind, session: BlueskySession, instance: String, lifetime: TimeInterval, claims: [String: Any]?, typ: String?
    ) -> String {
        let issued = now
        var value = "ref-" + randomSecret(bytes: 32)
        if let claims, let typ {
            var body = claims
            body["sub"] = session.did
            body["iat"] = Int(issued.timeIntervalSince1970)
            body["exp"] = Int(issued.addingTimeInterval(lifetime).timeIntervalSince1970)
            body["jti"] = randomSecret(bytes: 12)
            let header = (try? JSONSerialization.data(withJSONObject: ["alg": "HS256", "typ": typ], options: [.sortedKeys])) ?? Data()
            let payload = (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
            let input = header.base64URLEncoded + "." + payload.base64URLEncoded
            let mac = HMAC<SHA256>.authenticationCode(for: Data(input.utf8), using: bluesky.tokenKey)
            value = input + "." + Data(mac).base64URLEncoded
        }
        tokens[value] = IssuedToken(
            value: value, platform: .bluesky, kind: kind, instance: instance, clientID: session.clientID, accountID: session.did,
            scopes: session.scopes, issuedAt: issued, expiresAt: issued.addingTimeInterval(lifetime), session: session.id)
        return value
    }

    /// Revokes a session and every token it issued.
    func endBlueskySession(_ id: String) {
        bluesky.sessions[id]?.revoked = true
        for (key, token) in tokens where token.session == id { tokens[key]?.revoked = true }
    }

    /// RFC 7009 revocation: the client authenticates; revoking either token ends the whole session.
    func blueskyRevoke(_ request: SandboxRequest) -> SandboxResponse {
        guard request.contentType == "application/x-www-form-urlencoded" else {
            return Self.oauthError(400, "invalid_request", "Expected application/x-www-form-urlencoded")
        }
        let client: BlueskyClient
        switch blueskyClient(request) {
        case .success(let found): client = found
        case .failure(let answer): return answer
        }
        if let refusal = blueskyAuthenticate(request, client: client) { return refusal }
        guard let value = request.form["token"], !value.isEmpty else { return Self.oauthError(400, "invalid_request", "Missing \"token\"") }
        if let token = tokens[value], token.platform == .bluesky, token.clientID == client.id, let session = token.session {
            endBlueskySession(session)
        }
        return .empty(.ok, headers: [("Cache-Control", "no-store")])
    }
}
