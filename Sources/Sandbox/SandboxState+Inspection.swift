import Foundation

/// The inspection API under `/_sandbox/` (documented in NOTES.md "Inspection API").
extension SandboxState {
    func inspect(_ request: SandboxRequest) -> SandboxResponse {
        let decoder = JSONDecoder()
        func body<T: Decodable>(_ type: T.Type) -> T? { try? decoder.decode(type, from: request.body) }
        let bad = SandboxResponse.object(.badRequest, ["error": "invalid JSON body for \(request.path)"])
        let platformFilter = request.query["platform"].flatMap(Platform.init(rawValue:))
        switch (request.method, request.segments) {
        case (.get, ["posts"]):
            return .json(
                posts.filter { platformFilter == nil || $0.platform == platformFilter }
                    .filter { request.query["host"] == nil || $0.host == request.query["host"] })
        case (.get, ["requests"]):
            return .json(
                requests.filter { platformFilter == nil || $0.platform == platformFilter }
                    .filter { request.query["host"] == nil || $0.host == request.query["host"] })
        case (.post, ["reset"]):
            resetStorage()
            return .object(["reset": true])
        case (.get, ["failures"]):
            return .json(failures)
        case (.delete, ["failures"]):
            failures.removeAll { platformFilter == nil || $0.platform == platformFilter }
            return .object(["cleared": true])
        case (.post, ["failures"]):
            // Latency becomes a sleep in milliseconds: bounded so the conversion cannot trap.
            guard let rule = body(FailureRule.self), (0...3600).contains(rule.latency ?? 0) else { return bad }
            if rule.mode == .duplicate, ![.twitter, .linkedin, .facebook].contains(rule.platform) {
                return .object(.badRequest, ["error": "\(rule.platform.rawValue) documents no duplicate-content error"])
            }
            if [.creditsDepleted, .usageCapped].contains(rule.mode), rule.platform != .twitter {
                return .object(.badRequest, ["error": "\(rule.mode.rawValue) is an X billing answer"])
            }
            failures.append(rule)
            return .json(rule)
        case (.post, ["clock"]):
            // At most a century either way, so every timestamp the sandbox prints stays representable.
            guard let advance = body(ClockAdvance.self), abs(clockOffset + advance.advance) <= 100 * 366 * 86_400 else { return bad }
            clockOffset += advance.advance
            return .object(["now": Timestamps.isoMillis(now), "offset": clockOffset])
        case (.get, ["apps"]):
            return .json(apps)
        case (.post, ["apps"]):
            guard let app = body(RegisteredApp.self) else { return bad }
            apps.removeAll { $0.platform == app.platform && $0.clientID == app.clientID && $0.instance == app.instance }
            apps.append(app)
            return .json(app)
        case (.post, ["instances"]):
            guard let limits = body(InstanceLimits.self), limits.maxCharacters.map({ $0 > 0 }) ?? true else { return bad }
            let host = limits.host.lowercased()
            if let max = limits.maxCharacters { mastodonMaxCharacters[host] = max }
            if let software = limits.software { mastodonSoftware[host] = software }
            return .object([
                "host": host, "max_characters": mastodonMaxCharacters(host),
                "software": mastodonProfile(host).software.rawValue,
            ])
        case (.post, ["tokens"]):
            guard let spec = body(TokenRequest.self) else { return bad }
            return mintToken(spec)
        case (.post, ["switches"]):
            guard let switches = body(Switches.self) else { return bad }
            if let value = switches.linkedinRefreshTokens { linkedinRefreshEnabled = value }
            if let value = switches.instagramFlatTokenResponse { instagramFlatTokenResponse = value }
            return .object(["linkedin_refresh_tokens": linkedinRefreshEnabled, "instagram_flat_token_response": instagramFlatTokenResponse])
        case (.post, ["signed_request"]):
            guard let spec = body(SignedRequestSpec.self), [.facebook, .instagram, .threads].contains(spec.platform) else { return bad }
            return signedRequest(platform: spec.platform == .instagram ? .facebook : spec.platform, clientID: spec.clientID, userID: spec.userID)
        case (.get, ["accounts"]):
            return .object([
                "facebook": DemoData.facebookUsers.map(\.id), "threads": DemoData.threadsUsers.map(\.id),
                "twitter": DemoData.twitterUsers.map(\.id), "linkedin": DemoData.linkedinMembers.map(\.id),
                "mastodon": DemoData.mastodonAccounts.map(\.id), "facebook_pages": DemoData.facebookPages.map(\.id),
                "instagram": DemoData.instagramAccounts.map(\.id), "bluesky": DemoData.blueskyAccounts.map(\.did),
            ])
        case (.post, ["client_origins"]):
            guard let origin = body(BlueskyClientOrigin.self), origin.valid else { return bad }
            bluesky.clientOrigins[origin.origin.lowercased()] = origin.fetchFrom
            return .object(["origin": origin.origin.lowercased(), "fetch_from": origin.fetchFrom])
        default:
            return .object(.notFound, ["error": "unknown inspection route \(request.method.rawValue) \(request.path)"])
        }
    }

    private func mintToken(_ spec: TokenRequest) -> SandboxResponse {
        let kind = spec.kind ?? .access
        if spec.platform == .bluesky { return blueskyMint(spec, kind: kind) }
        let defaultLifetime: TimeInterval? =
            switch spec.platform {
            case .mastodon: nil
            case .twitter: kind == .refresh ? nil : 7200
            case .linkedin: 5_184_000
            case .facebook, .instagram: kind == .page ? nil : (kind == .shortLivedUser ? 3600 : 5_183_944)
            case .threads: 5_183_944
            case .bluesky: kind == .refresh ? 90 * 86_400 : 7200
            }
        let prefixes: [Platform: String] = [
            .facebook: "EAAB", .instagram: "EAAB", .threads: "THQV", .linkedin: "AQ", .twitter: "", .mastodon: "", .bluesky: "",
        ]
        var token = issueToken(
            spec.platform, kind: kind, prefix: prefixes[spec.platform] ?? "", instance: spec.instance?.lowercased(),
            clientID: spec.clientID, accountID: spec.account, scopes: spec.scopes,
            lifetime: spec.expiresIn ?? defaultLifetime, pageID: spec.pageID)
        if let age = spec.ageSeconds {
            token.issuedAt = token.issuedAt.addingTimeInterval(-age)
            tokens[token.value] = token
        }
        return .object([
            "access_token": token.value, "kind": token.kind.rawValue,
            "expires_at": token.expiresAt.map { Timestamps.isoMillis($0) } ?? NSNull(),
        ])
    }

    /// Bluesky tokens belong to a session: an app-password session of the demo account (`kind` access or refresh).
    private func blueskyMint(_ spec: TokenRequest, kind: IssuedToken.Kind) -> SandboxResponse {
        guard let account = blueskyAccount(spec.account), kind == .access || kind == .refresh else {
            return .object(.badRequest, ["error": "bluesky tokens need a demo account DID and kind access or refresh"])
        }
        let session = BlueskySession(
            id: randomSecret(bytes: 12), kind: .appPassword, did: account.did, clientID: Self.blueskyAppPasswordClient,
            scopes: ["com.atproto.appPass"], dpopJKT: nil, createdAt: now)
        bluesky.sessions[session.id] = session
        let lifetime = spec.expiresIn ?? (kind == .refresh ? 90 * 86_400 : 7200)
        let value = blueskyToken(
            kind: kind, session: session, instance: account.pdsHost, lifetime: lifetime,
            claims: ["scope": kind == .refresh ? "com.atproto.refresh" : "com.atproto.appPass", "aud": "did:web:\(account.pdsHost)"],
            typ: kind == .refresh ? "refresh+jwt" : "at+jwt")
        return .object([
            "access_token": value, "kind": kind.rawValue, "expires_at": tokens[value]?.expiresAt.map { Timestamps.isoMillis($0) } ?? NSNull(),
        ])
    }
}
