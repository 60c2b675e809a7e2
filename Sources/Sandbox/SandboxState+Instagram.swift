import Foundation

/// Instagram API with Facebook Login: professional account, container → status → `media_publish`,
/// permalinks (docs/platforms/instagram.md: "Facebook Login", "Posting" to "Errors").
extension SandboxState {
    /// Publishing quota per 24 h: 50, the media_publish reference value (docs/platforms/instagram.md,
    /// "Publishing quota"; strict choice in NOTES.md).
    static let instagramQuota = 50

    func instagramRespond(_ request: SandboxRequest) -> SandboxResponse {
        switch request.host {
        case "graph.facebook.com", "graph.instagram.com": break
        case "api.instagram.com" where request.segments == ["oauth", "access_token"]: return instagramLoginCode(request)
        default:
            if request.segments == ["oauth", "authorize"], request.host != "instagram.com" { return instagramLoginAuthorize(request) }
            return instagramWeb(request)
        }
        let login = request.host == "graph.instagram.com"
        if login, request.segments == ["access_token"] { return instagramLoginGrant(request, refresh: false) }
        if login, request.segments == ["refresh_access_token"] { return instagramLoginGrant(request, refresh: true) }
        guard let s = Self.unversioned(request.segments), var id = s.first else { return GraphError.unknownPath }
        let token: IssuedToken
        switch graphToken(request, platform: login ? .instagram : .facebook) {
        case .failure(let failure): return failure.response
        case .success(let found): token = found
        }
        if login, id == "me" {
            if s.count == 1, request.method == .get { return instagramLoginMe(request, token: token).adding(usageHeaders(token)) }
            id = token.accountID
        }
        let answer: SandboxResponse
        if let account = DemoData.instagramAccounts.first(where: { $0.id == id }) {
            guard ownsInstagram(token, account.id), account.accountType != "PERSONAL",
                token.scopes.contains("instagram_basic") || token.scopes.contains("instagram_business_basic")
            else {
                return GraphError.unknownPath.adding(usageHeaders(token))
            }
            switch (request.method, Array(s.dropFirst())) {
            case (.get, []):
                answer = .object([
                    "id": account.id, "username": account.username, "name": account.name,
                    "profile_picture_url": "https://www.instagram.com/static/\(account.username).jpg",
                ])
            case (.post, ["media"]): answer = instagramCreateContainer(request, token: token, account: account)
            case (.post, ["media_publish"]): answer = instagramPublish(request, token: token, account: account)
            case (.get, ["content_publishing_limit"]):
                answer = .object([
                    "data": [
                        [
                            "quota_usage": instagramPublishedLastDay(account.id),
                            "config": ["quota_total": Self.instagramQuota, "quota_duration": 86400],
                        ]
                    ]
                ])
            default: answer = GraphError.unknownPath
            }
        } else if request.method == .get, s.count == 1 {
            answer = instagramObject(request, token: token, id: id)
        } else {
            answer = GraphError.unknownPath
        }
        return answer.adding(usageHeaders(token))
    }

    /// Facebook Login tokens reach the IG accounts of the Facebook user; Instagram Login tokens only their own account.
    func ownsInstagram(_ token: IssuedToken, _ igID: String) -> Bool {
        token.platform == .instagram
            ? token.accountID == igID
            : DemoData.instagramAccounts.first { $0.id == igID }?.ownerID == token.accountID
    }

    func instagramPublishedLastDay(_ accountID: String) -> Int {
        posts.filter { $0.platform == .instagram && $0.account == accountID && now.timeIntervalSince($0.time) < 86400 }.count
    }

    func instagramCreateContainer(_ request: SandboxRequest, token: IssuedToken, account: DemoInstagramAccount) -> SandboxResponse {
        guard token.scopes.contains("instagram_content_publish") || token.scopes.contains("instagram_business_content_publish") else {
            return GraphError.permission("Insufficient permission to publish: instagram_content_publish is required")
        }
        if let type = request.param("media_type"), !type.isEmpty {
            return GraphError.invalidParameter("The sandbox emulates single-image posts only; media_type \(type) is not supported")
        }
        guard let image = request.param("image_url"), !image.isEmpty else {
            // Every feed post needs media (docs/platforms/instagram.md, "Posting").
            return GraphError.response(code: 100, message: "(#100) The parameter image_url is required.")
        }
        guard let url = URL(string: image), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil else {
            return GraphError.response(
                code: 9004, subcode: 2_207_052, message: "Only photo or video can be accepted as media type.",
                userMessage: "The media could not be fetched from this URI.")
        }
        if ["png", "gif", "webp", "heic", "bmp", "tiff", "svg", "avif"].contains(url.pathExtension.lowercased()) {
            return GraphError.response(
                code: 36001, subcode: 2_207_005, message: "The image format is not supported.",
                userMessage: "Only JPEG images can be published.")
        }
        let caption = request.param("caption") ?? ""
        // alt_text: image posts only, at most 1,000 characters (docs/platforms/instagram.md, "Posting").
        let alt = request.param("alt_text").flatMap { $0.isEmpty ? nil : $0 }
        if let alt, alt.count > 1000 {
            return GraphError.response(code: 100, message: "(#100) The parameter alt_text must be at most 1000 characters.")
        }
        guard TextCounter.utf16Length(caption) <= 2200 else {
            return GraphError.response(
                code: 100, subcode: 2_207_010, message: "(#100) The caption is too long.", userMessage: "Captions can have at most 2,200 characters.")
        }
        let hashtags = caption.split(whereSeparator: \.isWhitespace).filter { $0.hasPrefix("#") }.count
        let mentions = caption.split(whereSeparator: \.isWhitespace).filter { $0.hasPrefix("@") }.count
        guard hashtags <= 30, mentions <= 20 else {
            return GraphError.response(
                code: 100, message: "(#100) The caption has too many hashtags or mentions.",
                userMessage: "Captions can have at most 30 hashtags and 20 @-mentions.")
        }
        let id = newNumericID(prefix: "17889")
        containers[id] = MediaContainer(
            id: id, platform: .instagram, ownerID: account.id, mediaType: "IMAGE", text: caption,
            imageURL: image, imageAlt: alt, createdAt: now, status: .inProgress)
        return .object(["id": id])
    }

    /// Container status as of now: IN_PROGRESS for the first second, FINISHED until 24 h, then EXPIRED.
    func containerStatus(_ container: MediaContainer) -> MediaContainer.Status {
        if container.status == .published || container.status == .error { return container.status }
        let age = now.timeIntervalSince(container.createdAt)
        if age >= 86400 { return .expired }
        return age < 1 ? .inProgress : .finished
    }

    func instagramPublish(_ request: SandboxRequest, token: IssuedToken, account: DemoInstagramAccount) -> SandboxResponse {
        guard token.scopes.contains("instagram_content_publish") || token.scopes.contains("instagram_business_content_publish") else {
            return GraphError.permission("Insufficient permission to publish: instagram_content_publish is required")
        }
        guard let id = request.param("creation_id"), var container = containers[id], container.platform == .instagram,
            container.ownerID == account.id
        else {
            return GraphError.response(code: 100, message: "(#100) Param creation_id must be a valid media container id")
        }
        switch containerStatus(container) {
        case .published:
            return GraphError.response(
                code: 100, message: "(#100) This media container has already been published.",
                userMessage: "The media container \(id) was already published as \(container.publishedID ?? "").")
        case .expired:
            return GraphError.response(code: -2, subcode: 2_207_020, message: "The media container has expired.", transient: false)
        case .inProgress:
            return GraphError.response(
                code: 9007, subcode: 2_207_027, message: "Media ID is not available",
                userMessage: "The media is not ready for publishing, please wait for a moment")
        case .error:
            return GraphError.response(code: -1, subcode: 2_207_001, message: "An unexpected error has occurred.", transient: true)
        case .finished:
            break
        }
        guard instagramPublishedLastDay(account.id) < Self.instagramQuota else {
            return GraphError.response(
                code: 9, subcode: 2_207_042, message: "Application request limit reached",
                userMessage: "You reached maximum number of posts that is allowed to be published by Content Publish API.")
        }
        let mediaID = newNumericID(prefix: "17920")
        let shortcode = randomSecret(bytes: 8)
        container.status = .published
        container.publishedID = mediaID
        containers[id] = container
        record(
            SandboxPost(
                id: mediaID, platform: .instagram, host: "www.instagram.com", account: account.id,
                accountName: account.username, text: container.text, link: TextCounter.urls(in: container.text).first,
                imageURL: container.imageURL, imageAlt: container.imageAlt, url: "https://www.instagram.com/p/\(shortcode)/", time: now))
        return .object(["id": mediaID])
    }

    func instagramObject(_ request: SandboxRequest, token: IssuedToken, id: String) -> SandboxResponse {
        if let container = containers[id], container.platform == .instagram,
            ownsInstagram(token, container.ownerID)
        {
            let status = containerStatus(container)
            return .object(["id": id, "status_code": status.rawValue, "status": status == .error ? "Error: UNKNOWN" : status.rawValue])
        }
        if let post = posts.first(where: { $0.platform == .instagram && $0.id == id }),
            ownsInstagram(token, post.account)
        {
            var entry: [String: Any] = ["id": id]
            let fields = Self.fields(request) ?? []
            if fields.contains("permalink") { entry["permalink"] = post.url }
            if fields.contains("caption") { entry["caption"] = post.text }
            if fields.contains("media_url") { entry["media_url"] = post.imageURL ?? "" }
            return .object(entry)
        }
        return GraphError.unknownPath
    }

    /// `www.instagram.com/p/{shortcode}/` post pages.
    func instagramWeb(_ request: SandboxRequest) -> SandboxResponse {
        let s = request.segments
        if s.count == 2, s[0] == "p", let post = posts.first(where: { $0.platform == .instagram && $0.url.hasSuffix("/p/\(s[1])/") }) {
            return .html(HTML.postPage(platformName: "Instagram", post: post))
        }
        return .html(.notFound, HTML.errorPage(platformName: "Instagram", message: "Sorry, this page isn't available."))
    }
}
