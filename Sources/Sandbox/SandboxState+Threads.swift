import Foundation

/// Threads API: identity, container → `threads_publish`, container status, permalinks, quota
/// (docs/platforms/threads.md, "Identity" to "Errors").
extension SandboxState {
    func threadsRespond(_ request: SandboxRequest) -> SandboxResponse {
        let s = request.segments
        guard request.host.hasPrefix("graph.") else {
            if s == ["oauth", "authorize"], request.method == .get || request.method == .post { return threadsAuthorize(request) }
            if s.count == 3, s[0].hasPrefix("@"), s[1] == "post",
                let post = posts.first(where: { $0.platform == .threads && $0.url.hasSuffix("/\(s[0])/post/\(s[2])") })
            {
                return .html(HTML.postPage(platformName: "Threads", post: post))
            }
            return .html(.notFound, HTML.errorPage(platformName: "Threads", message: "Sorry, this page isn't available"))
        }
        switch (request.method, s) {
        case (.post, ["oauth", "access_token"]): return threadsCodeExchange(request)
        case (_, ["access_token"]): return threadsTokenGrant(request, refresh: false)
        case (_, ["refresh_access_token"]): return threadsTokenGrant(request, refresh: true)
        default: break
        }
        guard let path = Self.unversioned(s), let first = path.first else { return GraphError.unknownPath }
        let token: IssuedToken
        switch graphToken(request, platform: .threads) {
        case .failure(let failure): return failure.response
        case .success(let found): token = found
        }
        guard token.scopes.contains("threads_basic") else { return GraphError.permission("threads_basic is required").adding(usageHeaders(token)) }
        let user = DemoData.threadsUsers.first { $0.id == token.accountID }!
        let isSelf = first == "me" || first == user.id
        let answer: SandboxResponse
        switch (request.method, Array(path.dropFirst())) {
        case (.get, []) where isSelf:
            answer = .object([
                "id": user.id, "username": user.username, "name": user.name,
                "threads_profile_picture_url": "https://www.threads.com/static/\(user.username).jpg", "threads_biography": "",
            ])
        case (.post, ["threads"]) where isSelf: answer = threadsCreateContainer(request, token: token, user: user)
        case (.post, ["threads_publish"]) where isSelf: answer = threadsPublish(request, token: token, user: user)
        case (.get, ["threads_publishing_limit"]) where isSelf:
            answer = .object(["data": [["quota_usage": threadsPublishedLastDay(user.id), "config": ["quota_total": 250, "quota_duration": 86400]]]])
        case (.get, []): answer = threadsObject(request, user: user, id: first)
        default: answer = GraphError.unknownPath
        }
        return answer.adding(usageHeaders(token))
    }

    func threadsPublishedLastDay(_ userID: String) -> Int {
        posts.filter { $0.platform == .threads && $0.account == userID && now.timeIntervalSince($0.time) < 86400 }.count
    }

    func threadsCreateContainer(_ request: SandboxRequest, token: IssuedToken, user: DemoAccount) -> SandboxResponse {
        guard token.scopes.contains("threads_content_publish") else { return GraphError.permission("threads_content_publish is required") }
        guard let type = request.param("media_type"), ["TEXT", "IMAGE"].contains(type) else {
            return GraphError.invalidParameter("media_type must be TEXT or IMAGE (VIDEO and CAROUSEL are not emulated)")
        }
        let text = request.param("text") ?? ""
        let link = request.param("link_attachment").flatMap { $0.isEmpty ? nil : $0 }
        let image = request.param("image_url").flatMap { $0.isEmpty ? nil : $0 }
        if type == "TEXT", text.isEmpty { return GraphError.invalidParameter("The parameter text is required for TEXT posts") }
        if type == "IMAGE", image == nil { return GraphError.invalidParameter("The parameter image_url is required for IMAGE posts") }
        if link != nil, type != "TEXT" { return GraphError.invalidParameter("link_attachment is only supported for TEXT posts") }
        guard TextCounter.threadsLength(text) <= 500 else {
            return GraphError.invalidParameter("The text is too long: posts are limited to 500 characters")
        }
        let links = Set(TextCounter.urls(in: text) + (link.map { [$0] } ?? []))
        guard links.count <= 5 else {
            return GraphError.response(code: 100, message: "THREADS_API__LINK_LIMIT_EXCEEDED: posts can contain at most 5 unique links")
        }
        let id = newNumericID(prefix: "18")
        containers[id] = MediaContainer(
            id: id, platform: .threads, ownerID: user.id, mediaType: type, text: text, imageURL: image,
            linkAttachment: link, createdAt: now, status: type == "TEXT" ? .finished : .inProgress)
        return .object(["id": id])
    }

    func threadsPublish(_ request: SandboxRequest, token: IssuedToken, user: DemoAccount) -> SandboxResponse {
        guard token.scopes.contains("threads_content_publish") else { return GraphError.permission("threads_content_publish is required") }
        guard let id = request.param("creation_id"), var container = containers[id], container.platform == .threads,
            container.ownerID == user.id
        else {
            return GraphError.invalidParameter("Param creation_id must be a valid container id")
        }
        let status =
            container.mediaType == "TEXT" && container.status == .finished && now.timeIntervalSince(container.createdAt) < 86400
            ? .finished : containerStatus(container)
        switch status {
        case .published: return GraphError.invalidParameter("This container has already been published")
        case .expired: return GraphError.invalidParameter("The container has expired (not published within 24 hours)")
        case .inProgress: return GraphError.response(code: 9007, subcode: 2_207_027, message: "Media ID is not available")
        case .error: return GraphError.response(code: 1, message: "An unknown error occurred", transient: true)
        case .finished: break
        }
        guard threadsPublishedLastDay(user.id) < 250 else {
            return GraphError.response(
                code: 9, subcode: 2_207_042, message: "Application request limit reached",
                userMessage: "You reached the 250 posts per 24 hours publishing limit.")
        }
        let mediaID = newNumericID(prefix: "17900")
        container.status = .published
        container.publishedID = mediaID
        containers[id] = container
        let shortcode = randomSecret(bytes: 8)
        record(
            SandboxPost(
                id: mediaID, platform: .threads, host: "www.threads.com", account: user.id, accountName: user.username,
                text: container.text, link: container.linkAttachment ?? TextCounter.urls(in: container.text).first,
                imageURL: container.imageURL, url: "https://www.threads.com/@\(user.username)/post/\(shortcode)", time: now))
        return .object(["id": mediaID])
    }

    func threadsObject(_ request: SandboxRequest, user: DemoAccount, id: String) -> SandboxResponse {
        if let container = containers[id], container.platform == .threads, container.ownerID == user.id {
            let status =
                container.mediaType == "TEXT" && container.status == .finished && now.timeIntervalSince(container.createdAt) < 86400
                ? .finished : containerStatus(container)
            return .object(["id": id, "status": status.rawValue])
        }
        if let post = posts.first(where: { $0.platform == .threads && $0.id == id && $0.account == user.id }) {
            var entry: [String: Any] = ["id": id]
            let fields = Self.fields(request) ?? []
            if fields.contains("permalink") { entry["permalink"] = post.url }
            if fields.contains("text") { entry["text"] = post.text }
            if fields.contains("username") { entry["username"] = user.username }
            return .object(entry)
        }
        return GraphError.unknownPath
    }
}
