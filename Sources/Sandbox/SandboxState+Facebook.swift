import Foundation

/// Facebook Graph: identity, Pages, Page tokens, feed posts, permalinks (docs/platforms/facebook.md,
/// "Pages and Page tokens" to "Usage headers").
extension SandboxState {
    func facebookRespond(_ request: SandboxRequest) -> SandboxResponse {
        if request.host != "graph.facebook.com" { return facebookWeb(request) }
        guard let s = Self.unversioned(request.segments) else {
            return GraphError.response(code: 2635, message: "Unknown API version \(request.segments.first ?? "")")
        }
        if s == ["oauth", "access_token"] && (request.method == .get || request.method == .post) { return facebookAccessToken(request) }
        if s == ["debug_token"] && request.method == .get { return facebookDebugToken(request) }
        let token: IssuedToken
        switch graphToken(request, platform: .facebook) {
        case .failure(let failure): return failure.response
        case .success(let found): token = found
        }
        let answer: SandboxResponse
        switch (request.method, s) {
        case (.get, ["me"]):
            let user = DemoData.facebookUsers.first { $0.id == token.accountID }
            answer =
                token.pageID.flatMap { id in DemoData.facebookPages.first { $0.id == id } }.map { .object(["id": $0.id, "name": $0.name]) }
                ?? .object(["id": token.accountID, "name": user?.name ?? ""])
        case (.get, ["me", "accounts"]): answer = facebookAccounts(request, token: token)
        case (.delete, ["me", "permissions"]): answer = facebookRevoke(token)
        case (.post, let path) where path.count == 2 && path[1] == "feed": answer = facebookPost(request, token: token, pageID: path[0])
        case (.get, let path) where path.count == 1: answer = facebookObject(request, token: token, id: path[0])
        default: answer = GraphError.unknownPath
        }
        return answer.adding(usageHeaders(token))
    }

    /// Pages the user manages, each with a Page token. Page tokens from a long-lived user token never
    /// expire; from a short-lived one they expire with it (docs/platforms/facebook.md, "Pages and Page tokens").
    func facebookAccounts(_ request: SandboxRequest, token: IssuedToken) -> SandboxResponse {
        guard token.pageID == nil else {
            return GraphError.response(code: 100, message: "(#100) Tried accessing nonexisting field (accounts) on node type (Page)")
        }
        guard token.scopes.contains("pages_show_list") else { return .object(["data": [Any]()]) }
        let fields = Self.fields(request) ?? ["access_token", "category", "category_list", "name", "id", "tasks"]
        let pages = DemoData.facebookPages.filter { $0.managerID == token.accountID }.map { page -> [String: Any] in
            let lifetime = token.kind == .longLivedUser ? nil : token.expiresAt.map { $0.timeIntervalSince(now) }
            let pageToken = issueToken(
                .facebook, kind: .page, prefix: "EAAB", clientID: token.clientID, accountID: token.accountID,
                scopes: token.scopes, lifetime: lifetime, pageID: page.id)
            var entry: [String: Any] = ["id": page.id]
            if fields.contains("name") { entry["name"] = page.name }
            if fields.contains("access_token") { entry["access_token"] = pageToken.value }
            if fields.contains("category") { entry["category"] = page.category }
            if fields.contains("category_list") { entry["category_list"] = [["id": "2256", "name": page.category]] }
            if fields.contains("tasks") { entry["tasks"] = ["ANALYZE", "ADVERTISE", "MODERATE", "CREATE_CONTENT", "MANAGE"] }
            if fields.contains("instagram_business_account"), token.scopes.contains("instagram_basic"), let ig = page.instagramBusinessAccountID {
                entry["instagram_business_account"] = ["id": ig]
            }
            return entry
        }
        return .object(["data": pages, "paging": ["cursors": ["before": "QVFIUmFi", "after": "QVFIUmFj"]]])
    }

    func facebookObject(_ request: SandboxRequest, token: IssuedToken, id: String) -> SandboxResponse {
        if let page = DemoData.facebookPages.first(where: { $0.id == id }) {
            guard page.managerID == token.accountID else { return GraphError.unknownPath }
            var entry: [String: Any] = ["id": page.id, "name": page.name]
            if Self.fields(request)?.contains("instagram_business_account") == true, token.scopes.contains("instagram_basic"),
                let ig = page.instagramBusinessAccountID
            {
                entry["instagram_business_account"] = ["id": ig]
            }
            return .object(entry)
        }
        if let post = posts.first(where: { $0.platform == .facebook && $0.id == id }) {
            guard DemoData.facebookPages.first(where: { $0.id == post.account })?.managerID == token.accountID else { return GraphError.unknownPath }
            var entry: [String: Any] = ["id": post.id]
            let fields = Self.fields(request) ?? ["created_time", "message"]
            if fields.contains("permalink_url") { entry["permalink_url"] = post.url }
            if fields.contains("message") { entry["message"] = post.text }
            if fields.contains("created_time") { entry["created_time"] = post.time.formatted(.iso8601) }
            return .object(entry)
        }
        return GraphError.unknownPath
    }

    func facebookPost(_ request: SandboxRequest, token: IssuedToken, pageID: String) -> SandboxResponse {
        guard let page = DemoData.facebookPages.first(where: { $0.id == pageID }) else { return GraphError.unknownPath }
        guard token.pageID == pageID else {
            // Posting as the Page needs that Page's token (docs/platforms/facebook.md, "Posting").
            return GraphError.permission("The Page must be published to with a Page access token for this Page.")
        }
        guard token.scopes.contains("pages_manage_posts"), token.scopes.contains("pages_read_engagement") else {
            return GraphError.permission(
                "If posting to a page, requires both pages_read_engagement and pages_manage_posts as an admin with sufficient administrative permission"
            )
        }
        let message = request.param("message") ?? ""
        let link = request.param("link").flatMap { $0.isEmpty ? nil : $0 }
        guard !message.isEmpty || link != nil else { return GraphError.invalidParameter("Missing message or attachment") }
        if let link, URL(string: link)?.scheme.map({ ["http", "https"].contains($0.lowercased()) }) != true {
            return GraphError.response(code: 1_609_005, message: "Error posting link")
        }
        guard TextCounter.utf16Length(message) <= 63_206 else { return GraphError.invalidParameter("Message is too long") }
        if let last = posts.last(where: { $0.platform == .facebook && $0.account == pageID }), last.text == message, last.link == link {
            return graphFailure(.duplicate, platform: .facebook, request: request)
        }
        let postID = newNumericID(prefix: "7")
        let id = "\(pageID)_\(postID)"
        let url = "https://www.facebook.com/\(pageID)/posts/\(postID)"
        record(
            SandboxPost(
                id: id, platform: .facebook, host: "www.facebook.com", account: pageID, accountName: page.name,
                text: message, link: link, imageURL: nil, url: url, time: now))
        var body: [String: Any] = ["id": id]
        if Self.fields(request)?.contains("permalink_url") == true { body["permalink_url"] = url }
        return .object(body)
    }

    /// `www.facebook.com`: the login dialog and public post pages.
    func facebookWeb(_ request: SandboxRequest) -> SandboxResponse {
        let s = request.segments
        if let path = Self.unversioned(s), path == ["dialog", "oauth"], request.method == .get || request.method == .post {
            return facebookDialog(request)
        }
        if s.count == 3, s[1] == "posts", let post = posts.first(where: { $0.platform == .facebook && $0.id == "\(s[0])_\(s[2])" }) {
            return .html(HTML.postPage(platformName: "Facebook", post: post))
        }
        if s.count == 1, let post = posts.first(where: { $0.platform == .facebook && $0.id == s[0] }) {
            return .html(HTML.postPage(platformName: "Facebook", post: post))
        }
        return .html(.notFound, HTML.errorPage(platformName: "Facebook", message: "This content isn't available right now"))
    }
}
