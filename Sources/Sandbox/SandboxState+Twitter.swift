import Foundation

/// X API v2: identity, posting, post pages, errors and rate-limit headers (docs/platforms/twitter.md,
/// "Identity" to "Rate limits").
extension SandboxState {
    static func problem(
        _ status: Int, _ title: String, _ detail: String, type: String = "about:blank", headers: [(String, String)] = []
    ) -> SandboxResponse {
        .object(.init(code: status), ["title": title, "detail": detail, "type": type, "status": status], headers: headers)
    }

    func twitterRespond(_ request: SandboxRequest) -> SandboxResponse {
        let s = request.segments
        let web = request.host == "x.com" || request.host == "twitter.com"
        switch (request.method, s) {
        case (.get, ["i", "oauth2", "authorize"]) where web, (.post, ["i", "oauth2", "authorize"]) where web:
            return twitterAuthorize(request)
        case (.post, ["2", "oauth2", "token"]) where !web: return twitterToken(request)
        case (.post, ["2", "oauth2", "revoke"]) where !web: return twitterRevoke(request)
        case (.get, ["2", "users", "me"]) where !web:
            return twitterAuthenticated(request, scopes: ["tweet.read", "users.read"], limit: ("users/me", 75)) { token in
                let user = DemoData.twitterUsers.first { $0.id == token.accountID }!
                return .object(["data": ["id": user.id, "name": user.name, "username": user.username]])
            }
        case (.post, ["2", "tweets"]) where !web:
            return twitterAuthenticated(request, scopes: ["tweet.read", "tweet.write", "users.read"], limit: ("tweets", 100)) {
                self.twitterPost(request, token: $0)
            }
        case (.get, let path) where !web && path.count == 3 && path.starts(with: ["2", "tweets"]):
            return twitterGetPost(request, id: path[2])
        case (.delete, let path) where !web && path.count == 3 && path.starts(with: ["2", "tweets"]):
            return twitterDeletePost(request, id: path[2])
        case (.get, let path) where web && path.count == 3 && path[1] == "status":
            let post = posts.first { $0.platform == .twitter && $0.id == path[2] && (path[0] == "i" || $0.accountName == path[0]) }
            return post.map { .html(HTML.postPage(platformName: "X", post: $0)) }
                ?? .html(.notFound, HTML.errorPage(platformName: "X", message: "Hmm...this page doesn't exist."))
        case (.get, let path) where web && path.count == 4 && path.starts(with: ["i", "web", "status"]):
            let post = posts.first { $0.platform == .twitter && $0.id == path[3] }
            return post.map { .html(HTML.postPage(platformName: "X", post: $0)) }
                ?? .html(.notFound, HTML.errorPage(platformName: "X", message: "Hmm...this page doesn't exist."))
        default:
            return web
                ? .html(.notFound, HTML.errorPage(platformName: "X", message: "Hmm...this page doesn't exist."))
                : Self.problem(
                    404, "Not Found Error", "Sorry, that page does not exist.", type: "https://api.twitter.com/2/problems/resource-not-found")
        }
    }

    /// Bearer check, scope check, per-user 15-minute window with `x-rate-limit-*` headers (epoch reset).
    func twitterAuthenticated(
        _ request: SandboxRequest, scopes: [String], limit: (name: String, count: Int), _ body: (IssuedToken) -> SandboxResponse
    ) -> SandboxResponse {
        guard let value = request.bearerToken, let token = tokens[value], token.platform == .twitter, token.kind == .access,
            !token.revoked, !token.isExpired(at: now)
        else {
            return Self.problem(401, "Unauthorized", "Unauthorized")
        }
        guard scopes.allSatisfy(token.scopes.contains) else {
            return Self.problem(
                403, "Forbidden", "You are not permitted to perform this action.",
                type: "https://api.twitter.com/2/problems/client-forbidden")
        }
        let key = "twitter:\(limit.name):\(token.accountID)"
        var window = rateWindows[key] ?? RateWindow(limit: limit.count, length: 900, start: now, used: 0)
        let allowed = window.take(at: now)
        rateWindows[key] = window
        var headers = [
            ("x-rate-limit-limit", String(window.limit)), ("x-rate-limit-remaining", String(window.remaining)),
            ("x-rate-limit-reset", Timestamps.epoch(window.reset)),
        ]
        if limit.name == "tweets" {
            // 10,000 / 24 h per app (docs/platforms/twitter.md, "Rate limits").
            let appKey = "twitter:tweets24h:\(token.clientID)"
            var day = rateWindows[appKey] ?? RateWindow(limit: 10_000, length: 86_400, start: now, used: 0)
            if allowed { _ = day.take(at: now) }
            rateWindows[appKey] = day
            headers += [
                ("x-app-limit-24hour-limit", String(day.limit)), ("x-app-limit-24hour-remaining", String(day.remaining)),
                ("x-app-limit-24hour-reset", Timestamps.epoch(day.reset)),
            ]
        }
        guard allowed else { return Self.problem(429, "Too Many Requests", "Too Many Requests", headers: headers) }
        return body(token).adding(headers)
    }

    func twitterPost(_ request: SandboxRequest, token: IssuedToken) -> SandboxResponse {
        let invalid = { (message: String) in
            SandboxResponse.object(
                .badRequest,
                [
                    "title": "Invalid Request", "detail": "One or more parameters to your request was invalid.",
                    "type": "https://api.twitter.com/2/problems/invalid-request", "errors": [["message": message]],
                ])
        }
        guard request.contentType == "application/json" else { return invalid("Content-Type must be application/json") }
        guard let body = try? JSONDecoder().decode(TweetBody.self, from: request.body) else {
            return invalid("Request body is not valid JSON")
        }
        let text = body.text ?? ""
        guard !text.isEmpty || !(body.media?.media_ids ?? []).isEmpty else {
            return invalid("$.text: is missing but it is required")
        }
        if !(body.media?.media_ids ?? []).isEmpty { return invalid("$.media.media_ids: media id not found") }
        guard TextCounter.twitterWeightedLength(text) <= 280 else {
            return Self.problem(403, "Forbidden", "You are not permitted to perform this action.")
        }
        if posts.contains(where: { $0.platform == .twitter && $0.account == token.accountID && $0.text == text }) {
            return twitterFailure(.duplicate)
        }
        let user = DemoData.twitterUsers.first { $0.id == token.accountID }!
        let id = newNumericID(prefix: "1870")
        var shown = text
        for url in TextCounter.urls(in: text) { shown = shown.replacingOccurrences(of: url, with: "https://t.co/" + randomSecret(bytes: 6)) }
        record(
            SandboxPost(
                id: id, platform: .twitter, host: "x.com", account: user.id, accountName: user.username, text: text,
                link: TextCounter.urls(in: text).first, imageURL: nil, url: "https://x.com/\(user.username)/status/\(id)", time: now))
        return .object(.created, ["data": ["id": id, "text": shown, "edit_history_tweet_ids": [id]]])
    }

    func twitterFailure(_ mode: FailureRule.Mode) -> SandboxResponse {
        switch mode {
        case .expiredToken, .revokedToken: return Self.problem(401, "Unauthorized", "Unauthorized")
        case .rateLimit:
            return Self.problem(
                429, "Too Many Requests", "Too Many Requests",
                headers: [
                    ("x-rate-limit-limit", "100"), ("x-rate-limit-remaining", "0"),
                    ("x-rate-limit-reset", Timestamps.epoch(now.addingTimeInterval(900))),
                ])
        case .duplicate:
            return Self.problem(403, "Forbidden", "You are not allowed to create a Tweet with duplicate content.")
        case .creditsDepleted:
            return Self.problem(402, "CreditsDepleted", "Your enrolled account does not have any credits to fulfill this request.")
        case .usageCapped:
            return Self.problem(429, "UsageCapExceeded", "Usage cap exceeded: Monthly product cap", type: "https://api.x.com/2/problems/usage-capped")
        default:
            return Self.problem(503, "Service Unavailable", "Service Unavailable")
        }
    }
}
