import Foundation

/// LinkedIn REST: `/v2/userinfo`, versioned `/rest/posts`, post pages, errors (docs/platforms/linkedin.md,
/// "Identity" to "Errors").
extension SandboxState {
    static func linkedinError(_ status: Int, _ code: String, _ message: String, service: Int? = nil) -> SandboxResponse {
        var body: [String: Any] = ["status": status, "code": code, "message": message]
        if let service { body["serviceErrorCode"] = service }
        return .object(.init(code: status), body)
    }

    func linkedinRespond(_ request: SandboxRequest) -> SandboxResponse {
        let s = request.segments
        switch (request.host, request.method, s) {
        case ("www.linkedin.com", .get, ["oauth", "v2", "authorization"]), ("www.linkedin.com", .post, ["oauth", "v2", "authorization"]):
            return linkedinAuthorize(request)
        case ("www.linkedin.com", .post, ["oauth", "v2", "accessToken"]): return linkedinToken(request)
        case ("www.linkedin.com", .post, ["oauth", "v2", "revoke"]): return linkedinRevoke(request)
        case ("api.linkedin.com", .get, ["v2", "userinfo"]):
            return linkedinAuthenticated(request, scopes: ["openid", "profile"]) { token in
                let member = DemoData.linkedinMembers.first { $0.id == token.accountID }!
                let parts = member.name.split(separator: " ")
                return .object([
                    "sub": member.id, "name": member.name, "given_name": String(parts.first ?? ""),
                    "family_name": String(parts.last ?? ""), "picture": "https://media.licdn.com/dms/image/\(member.id)",
                    "locale": "en-US",
                ])
            }
        case ("api.linkedin.com", .post, ["rest", "images"]):
            return linkedinAuthenticated(request, scopes: ["w_member_social"]) { self.linkedinInitializeUpload(request, token: $0) }
        case ("api.linkedin.com", .get, let path) where path.count == 3 && path[0] == "rest" && path[1] == "images":
            return linkedinAuthenticated(request, scopes: ["w_member_social"]) { self.linkedinImageStatus(request, urn: path[2], token: $0) }
        case ("www.linkedin.com", .put, let path) where path.count == 3 && path[0] == "dms-uploads" && path[1] == "sandbox":
            return linkedinAuthenticated(request, scopes: ["w_member_social"]) { self.linkedinUploadImage(request, uploadID: path[2], token: $0) }
        case ("api.linkedin.com", .post, ["rest", "posts"]):
            return linkedinAuthenticated(request, scopes: ["w_member_social"]) { self.linkedinPost(request, token: $0) }
        case (_, .get, let path) where path.count == 3 && path[0] == "feed" && path[1] == "update":
            guard let post = posts.first(where: { $0.platform == .linkedin && $0.id == path[2] }) else { break }
            return .html(HTML.postPage(platformName: "LinkedIn", post: post))
        default: break
        }
        if request.host == "api.linkedin.com" { return Self.linkedinError(404, "NOT_FOUND", "No virtual resource found") }
        return .html(.notFound, HTML.errorPage(platformName: "LinkedIn", message: "This page doesn't exist"))
    }

    func linkedinAuthenticated(_ request: SandboxRequest, scopes: [String], _ body: (IssuedToken) -> SandboxResponse) -> SandboxResponse {
        guard let value = request.bearerToken, let token = tokens[value], token.platform == .linkedin, token.kind == .access else {
            return Self.linkedinError(401, "INVALID_ACCESS_TOKEN", "Invalid access token", service: 65600)
        }
        if token.revoked { return linkedinFailure(.revokedToken) }
        if token.isExpired(at: now) { return linkedinFailure(.expiredToken) }
        guard scopes.allSatisfy(token.scopes.contains) else {
            return Self.linkedinError(
                403, "ACCESS_DENIED", "Not enough permissions to access: \(request.method.rawValue) \(request.path)", service: 100)
        }
        return body(token)
    }

    /// Active `LinkedIn-Version` values: the last 12 months up to the sandbox clock's month
    /// (docs/platforms/linkedin.md, "Versioned calls").
    func linkedinVersionActive(_ version: String) -> Bool {
        guard version.count == 6, let value = Int(version), (1...12).contains(value % 100) else { return false }
        let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: now)
        let current = (parts.year ?? 0) * 12 + (parts.month ?? 1) - 1
        let requested = (value / 100) * 12 + (value % 100) - 1
        return requested <= current && current - requested < 12
    }

    /// The two headers every `/rest/` call needs (docs/platforms/linkedin.md, "Versioned calls"), or
    /// the refusal.
    func linkedinVersionProblem(_ request: SandboxRequest) -> SandboxResponse? {
        guard let version = request.header("LinkedIn-Version") else {
            return Self.linkedinError(
                400, "VERSION_MISSING", "A version must be present. Please specify a version by adding the LinkedIn-Version header.")
        }
        guard linkedinVersionActive(version) else {
            // The message names the version as YYYYMMDD (docs/platforms/linkedin.md, "Versioned calls").
            return Self.linkedinError(426, "NONEXISTENT_VERSION", "Requested version \(version)01 is not active")
        }
        guard request.header("X-Restli-Protocol-Version") == "2.0.0" else {
            return Self.linkedinError(400, "BAD_REQUEST", "X-Restli-Protocol-Version 2.0.0 is required for this resource")
        }
        return nil
    }

    func linkedinPost(_ request: SandboxRequest, token: IssuedToken) -> SandboxResponse {
        if let refused = linkedinVersionProblem(request) { return refused }
        func invalid(_ field: String, _ message: String) -> SandboxResponse {
            .object(
                .unprocessableContent,
                [
                    "status": 422, "code": "UNPROCESSABLE_ENTITY", "message": message,
                    "errorDetails": [
                        "inputErrors": [["description": message, "input": ["inputPath": ["fieldPath": field]], "code": "INVALID_VALUE"]]
                    ],
                ])
        }
        guard request.contentType == "application/json", let body = try? JSONDecoder().decode(LinkedInPostBody.self, from: request.body) else {
            return Self.linkedinError(400, "BAD_REQUEST", "Request body is not valid JSON")
        }
        let member = DemoData.linkedinMembers.first { $0.id == token.accountID }!
        guard body.author == "urn:li:person:\(member.id)" else {
            return Self.linkedinError(
                403, "ACCESS_DENIED", "Not enough permissions to post as \(body.author ?? "an unspecified author")", service: 100)
        }
        guard body.lifecycleState == "PUBLISHED" else { return invalid("/lifecycleState", "lifecycleState must be PUBLISHED") }
        guard ["PUBLIC", "CONNECTIONS", "LOGGED_IN"].contains(body.visibility ?? "") else { return invalid("/visibility", "visibility is required") }
        guard body.distribution?.feedDistribution != nil else { return invalid("/distribution", "distribution is required") }
        let commentary = body.commentary ?? ""
        guard commentary.utf16.count <= 3000 else { return invalid("/commentary", "commentary exceeds the maximum length of 3000") }
        if let article = body.content?.article {
            guard let source = article.source, URL(string: source)?.scheme?.hasPrefix("http") == true else {
                return invalid("/content/article/source", "article source must be a URL")
            }
            guard !(article.title ?? "").isEmpty else { return invalid("/content/article/title", "article title is required") }
            if let thumbnail = article.thumbnail, let problem = linkedinThumbnailProblem(thumbnail, author: body.author ?? "") {
                return invalid("/content/article/thumbnail", problem)
            }
        }
        if let earlier = posts.first(where: { $0.platform == .linkedin && $0.account == member.id && $0.text == LittleText.render(commentary) }) {
            return .object(.unprocessableContent, ["status": 422, "message": "Content is a duplicate of \(earlier.id)"])
        }
        let urn = "urn:li:share:\(newNumericID(prefix: "7300"))"
        let thumbnail = body.content?.article?.thumbnail
        record(
            SandboxPost(
                id: urn, platform: .linkedin, host: "www.linkedin.com", account: member.id, accountName: member.name,
                text: LittleText.render(commentary), link: body.content?.article?.source, imageURL: nil,
                thumbnail: thumbnail, thumbnailBytes: thumbnail.flatMap { linkedinImages[$0]?.byteCount },
                url: "https://www.linkedin.com/feed/update/\(urn)/", time: now))
        return .empty(.created, headers: [("x-restli-id", urn)])
    }

    func linkedinFailure(_ mode: FailureRule.Mode) -> SandboxResponse {
        switch mode {
        case .expiredToken: return Self.linkedinError(401, "EXPIRED_ACCESS_TOKEN", "The token used in the request has expired", service: 65601)
        case .revokedToken:
            return Self.linkedinError(401, "REVOKED_ACCESS_TOKEN", "The token used in the request has been revoked by the user", service: 65602)
        case .rateLimit:
            return Self.linkedinError(
                429, "TOO_MANY_REQUESTS", "Resource level throttle APPLICATION DAY limit for calls to this resource is reached.", service: 101)
        case .duplicate:
            let urn = posts.last(where: { $0.platform == .linkedin })?.id ?? "urn:li:share:7300000000000000000"
            return .object(.unprocessableContent, ["status": 422, "message": "Content is a duplicate of \(urn)"])
        default: return Self.linkedinError(500, "INTERNAL_SERVER_ERROR", "Internal Server Error")
        }
    }
}
