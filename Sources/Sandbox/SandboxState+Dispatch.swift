import Foundation

extension SandboxState {
    /// What the responder must do before (or instead of) answering.
    struct Plan: Sendable {
        var platform: Platform
        var failure: FailureRule?
    }

    /// Records the request, decides which platform answers it, and consumes a matching failure rule.
    /// Failures apply to API calls only, never to the browser pages (consent, post view).
    func begin(_ request: SandboxRequest) -> Plan {
        let platform = platform(for: request)
        requests.append(recorded(request, platform: platform))
        if requests.count > 10_000 { requests.removeFirst(requests.count - 10_000) }
        guard !isBrowserPage(request, platform: platform) else { return Plan(platform: platform, failure: nil) }
        guard
            let index = failures.firstIndex(where: {
                $0.platform == platform && ($0.pathContains.map { request.path.contains($0) } ?? true)
                    && ($0.method.map { $0.uppercased() == request.method.rawValue.uppercased() } ?? true)
            })
        else { return Plan(platform: platform, failure: nil) }
        let rule = failures[index]
        if let count = rule.count {
            if count <= 1 { failures.remove(at: index) } else { failures[index].count = count - 1 }
        }
        return Plan(platform: platform, failure: rule)
    }

    /// Platform answering a request. Graph calls on `graph.facebook.com` that address an Instagram
    /// account, container or media belong to Instagram: with Facebook Login, Instagram's calls use that
    /// host (docs/platforms/instagram.md, "Facebook Login").
    func platform(for request: SandboxRequest) -> Platform {
        let platform = Platform.forHost(request.host)
        guard platform == .facebook, request.host == "graph.facebook.com" else { return platform }
        let ids = request.segments.dropFirst(request.segments.first?.hasPrefix("v") == true ? 1 : 0)
        if let first = ids.first, isInstagramObject(first) { return .instagram }
        return .facebook
    }

    func isInstagramObject(_ id: String) -> Bool {
        DemoData.instagramAccounts.contains { $0.id == id }
            || containers[id]?.platform == .instagram
            || containers.values.contains { $0.platform == .instagram && $0.publishedID == id }
    }

    /// Consent dialogs and public post pages are browser pages, not API calls.
    func isBrowserPage(_ request: SandboxRequest, platform: Platform) -> Bool {
        let path = request.path
        if path.contains("/dialog/oauth") || path.hasSuffix("/oauth/authorize") || path.hasSuffix("/i/oauth2/authorize")
            || path.hasSuffix("/oauth/v2/authorization")
        {
            return true
        }
        switch request.host {
        case "x.com", "twitter.com", "www.facebook.com", "facebook.com", "threads.com", "www.threads.com",
            "threads.net", "www.threads.net", "www.instagram.com", "instagram.com", "linkedin.com", "bsky.app":
            return true
        case "www.linkedin.com":
            return path.hasPrefix("/feed/")
        default:
            return platform == .mastodon && path.hasPrefix("/@")
        }
    }

    /// Answers a request for a platform.
    func respond(_ request: SandboxRequest, platform: Platform) -> SandboxResponse {
        switch platform {
        case .mastodon: mastodonRespond(request)
        case .twitter: twitterRespond(request)
        case .facebook: facebookRespond(request)
        case .instagram: instagramRespond(request)
        case .threads: threadsRespond(request)
        case .linkedin: linkedinRespond(request)
        case .bluesky: blueskyAnswer(request)
        }
    }

    /// The platform's own answer to a switched-on failure.
    func failureResponse(_ mode: FailureRule.Mode, platform: Platform, request: SandboxRequest) -> SandboxResponse {
        if mode == .malformed {
            // A truncated JSON body with a success status: the client must not trust it.
            return SandboxResponse(status: .ok, headers: [("Content-Type", "application/json")], body: Data("{\"data\": {\"id\": \"12".utf8))
        }
        switch platform {
        case .mastodon: return mastodonFailure(mode, request: request)
        case .twitter: return twitterFailure(mode)
        case .facebook, .instagram, .threads: return graphFailure(mode, platform: platform, request: request)
        case .linkedin: return linkedinFailure(mode)
        case .bluesky: return blueskyFailure(mode)
        }
    }

    private func recorded(_ request: SandboxRequest, platform: Platform) -> RecordedRequest {
        func masked(_ fields: [String: String]) -> [String: String] {
            fields.reduce(into: [:]) { result, pair in
                result[pair.key] = RecordedRequest.secretNames.contains(pair.key) ? RecordedRequest.mask(pair.value) : pair.value
            }
        }
        var body = String(decoding: request.body, as: UTF8.self)
        if request.contentType == "application/x-www-form-urlencoded"
            || request.form.keys.contains(where: RecordedRequest.secretNames.contains)
        {
            body = FormCoding.encode(masked(request.form).sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        }
        var headers: [String: String] = [:]
        for field in request.headers {
            let name = field.name.canonicalName
            headers[name] = name == "authorization" ? String(field.value.prefix(while: { $0 != " " })) + " ***" : field.value
        }
        return RecordedRequest(
            platform: platform, host: request.host, method: request.method.rawValue, path: request.path,
            query: masked(request.query), body: body, headers: headers, time: now)
    }
}
