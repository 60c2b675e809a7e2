import Foundation

/// Mastodon REST API: identity, statuses, instance, status pages (docs/platforms/mastodon.md,
/// "Identity" to "Rate limits").
extension SandboxState {
    func mastodonRespond(_ request: SandboxRequest) -> SandboxResponse {
        let s = request.segments
        let profile = mastodonProfile(request.host)
        switch (request.method, s) {
        case (.get, [".well-known", "oauth-authorization-server"]) where profile.servesOAuthMetadata:
            return mastodonMetadata(request)
        case (.get, [".well-known", "nodeinfo"]): return mastodonNodeInfoLinks(request)
        case (.get, let path) where path.first == "nodeinfo":
            return mastodonNodeInfo(request.host, path: request.path) ?? .object(.notFound, ["error": "Not found"])
        case (.post, ["api", "v1", "apps"]): return mastodonRegisterApp(request)
        case (.get, ["oauth", "authorize"]), (.post, ["oauth", "authorize"]): return mastodonAuthorize(request)
        case (.post, ["oauth", "token"]): return mastodonToken(request)
        case (.post, ["oauth", "revoke"]): return mastodonRevoke(request)
        case (.get, ["api", "v2", "instance"]): return mastodonInstanceV2(request.host)
        case (.get, ["api", "v1", "instance"]): return mastodonInstanceV1(request.host)
        case (.get, ["api", "v1", "accounts", "verify_credentials"]):
            return mastodonAuthenticated(request, scope: profile.accountScope.scope, alternative: profile.accountScope.alternative) { token in
                .object(self.mastodonAccountJSON(token.accountID, host: request.host, credential: true))
            }
        case (.get, ["api", "v1", "apps", "verify_credentials"]):
            return mastodonAppCredentials(request)
        case (.get, ["oauth", "userinfo"]) where profile.servesOAuthMetadata:
            return mastodonAuthenticated(request, scope: "profile") { token in
                let account = DemoData.mastodonAccounts.first { $0.id == token.accountID }!
                return .object([
                    "iss": "https://\(request.host)/", "sub": "https://\(request.host)/users/\(account.username)",
                    "preferred_username": account.username, "name": account.name,
                    "profile": "https://\(request.host)/@\(account.username)",
                    "picture": "https://\(request.host)/avatars/original/missing.png",
                ])
            }
        case (.post, ["api", "v1", "statuses"]):
            return mastodonAuthenticated(request, scope: "write:statuses") { self.mastodonPostStatus(request, token: $0) }
        case (.get, let path) where path.count == 4 && path.starts(with: ["api", "v1", "statuses"]):
            return mastodonAuthenticated(request, scope: "read:statuses") { _ in
                guard let post = self.posts.first(where: { $0.platform == .mastodon && $0.host == request.host && $0.id == path[3] }) else {
                    return .object(.notFound, ["error": "Record not found"])
                }
                return .object(self.mastodonStatusJSON(post))
            }
        case (.get, let path) where path.count == 2 && path[0].hasPrefix("@"):
            guard
                let post = posts.first(where: {
                    $0.platform == .mastodon && $0.host == request.host && $0.id == path[1]
                        && "@" + $0.accountName == path[0]
                })
            else {
                return .html(.notFound, HTML.errorPage(platformName: request.host, message: "The page you are looking for isn't here."))
            }
            return .html(HTML.postPage(platformName: request.host, post: post))
        default:
            return .object(.notFound, ["error": "Record not found"])
        }
    }

    /// Checks the bearer token, scope and rate limit, then runs `body`; adds `X-RateLimit-*` headers.
    func mastodonAuthenticated(
        _ request: SandboxRequest, scope: String, alternative: String? = nil, _ body: (IssuedToken) -> SandboxResponse
    ) -> SandboxResponse {
        guard let value = request.bearerToken, let token = tokens[value], token.platform == .mastodon,
            token.instance == request.host, token.kind == .access
        else {
            return mastodonTokenRejected(request.host, reason: "is invalid")
        }
        if token.revoked { return mastodonTokenRejected(request.host, reason: "was revoked") }
        if token.isExpired(at: now) { return mastodonTokenRejected(request.host, reason: "expired") }
        guard Self.mastodonCovers(token.scopes, scope) || alternative.map(token.scopes.contains) == true else {
            return mastodonScopeRejected(request.host, scope: scope)
        }
        guard !token.accountID.isEmpty else {
            return .object(.unprocessableContent, ["error": "This method requires an authenticated user"])
        }
        // 300 requests / 5 min per access token (docs/platforms/mastodon.md, "Rate limits").
        let key = "mastodon:" + value
        var window = rateWindows[key] ?? RateWindow(limit: 300, length: 300, start: now, used: 0)
        let allowed = window.take(at: now)
        rateWindows[key] = window
        let headers = [
            ("X-RateLimit-Limit", String(window.limit)), ("X-RateLimit-Remaining", String(window.remaining)),
            ("X-RateLimit-Reset", Timestamps.isoMicros(window.reset)),
        ]
        guard allowed else { return .object(.tooManyRequests, ["error": "Too many requests"], headers: headers) }
        return body(token).adding(headers)
    }

    func mastodonPostStatus(_ request: SandboxRequest, token: IssuedToken) -> SandboxResponse {
        let profile = mastodonProfile(request.host)
        switch profile.idempotency {
        case .ignored:
            // Takahē and GoToSocial ignore the header: a retry posts a second status
            // (docs/platforms/mastodon-servers.md, "Behaviour").
            return mastodonCreateStatus(request, token: token, idempotencyKey: nil)
        case .perAccount:
            let key = request.header("Idempotency-Key").map { "\(request.host):\(token.accountID):\($0)" }
            if let key, let stored = idempotency[key], now.timeIntervalSince(stored.at) < 3600,
                let post = posts.first(where: { $0.id == stored.id && $0.host == request.host })
            {
                // Replay within 1 h (docs/platforms/mastodon.md, "Posting").
                return .object(mastodonStatusJSON(post))
            }
            return mastodonCreateStatus(request, token: token, idempotencyKey: key)
        case .globalResponse:
            // Pleroma/Akkoma: the whole answer, errors included, is replayed for 6 h to anyone sending
            // the same raw key on that node (docs/platforms/mastodon-servers.md, "Behaviour").
            guard let raw = request.header("Idempotency-Key") else { return mastodonCreateStatus(request, token: token, idempotencyKey: nil) }
            let key = request.host + " " + raw
            if let stored = globalIdempotency[key], now.timeIntervalSince(stored.at) < 6 * 3600 {
                return stored.response.adding([("idempotent-replayed", "true")])
            }
            let answer = mastodonCreateStatus(request, token: token, idempotencyKey: nil)
            globalIdempotency[key] = (answer, now)
            return answer
        }
    }

    private func mastodonCreateStatus(_ request: SandboxRequest, token: IssuedToken, idempotencyKey: String?) -> SandboxResponse {
        let profile = mastodonProfile(request.host)
        // No media upload or scheduling is emulated: refuse rather than silently drop (NOTES.md "Mastodon").
        if request.form.keys.contains(where: { $0.hasPrefix("media_ids") }) {
            return .object(.unprocessableContent, ["error": "Validation failed: Media attachments are invalid (none uploaded in the sandbox)"])
        }
        if request.param("scheduled_at") != nil {
            return .object(.unprocessableContent, ["error": "Validation failed: Scheduled statuses are not emulated by the sandbox"])
        }
        let text = request.param("status") ?? ""
        let spoiler = request.param("spoiler_text") ?? ""
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            return .object(.unprocessableContent, ["error": "Validation failed: Text can't be blank"])
        }
        let max = mastodonMaxCharacters(request.host)
        guard Self.mastodonLength(profile.counting, text: text, spoiler: spoiler) <= max else {
            return Self.mastodonTooLong(profile.software, max: max)
        }
        if let visibility = request.param("visibility"), !["public", "unlisted", "private", "direct"].contains(visibility) {
            return .object(.unprocessableContent, ["error": "Validation failed: Visibility is not included in the list"])
        }
        let account = DemoData.mastodonAccounts.first { $0.id == token.accountID }!
        let id = newNumericID(prefix: "113")
        var post = SandboxPost(
            id: id, platform: .mastodon, host: request.host, account: account.id, accountName: account.username,
            text: text, link: TextCounter.urls(in: text).first, imageURL: nil,
            url: "https://\(request.host)/@\(account.username)/\(id)", time: now)
        post.visibility = request.param("visibility") ?? "public"
        post.spoiler = spoiler
        post.language = request.param("language")
        post.applicationName = app(.mastodon, clientID: token.clientID, instance: request.host)?.name
        record(post)
        if let idempotencyKey { idempotency[idempotencyKey] = (id, now) }
        return .object(mastodonStatusJSON(post))
    }

    func mastodonFailure(_ mode: FailureRule.Mode, request: SandboxRequest) -> SandboxResponse {
        let reset = [
            ("X-RateLimit-Limit", "300"), ("X-RateLimit-Remaining", "0"),
            ("X-RateLimit-Reset", Timestamps.isoMicros(now.addingTimeInterval(300))),
        ]
        switch mode {
        case .expiredToken: return mastodonTokenRejected(request.host, reason: "expired")
        case .revokedToken: return mastodonTokenRejected(request.host, reason: "was revoked")
        case .rateLimit: return .object(.tooManyRequests, ["error": "Too many requests"], headers: reset)
        default: return .object(.serviceUnavailable, ["error": "Service Unavailable"])
        }
    }
}
