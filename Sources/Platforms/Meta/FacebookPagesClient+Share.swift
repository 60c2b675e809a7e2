import Foundation

extension FacebookPagesClient {
    /// Posts a link to the Page's feed with the Page token and finds its permalink (docs/platforms/facebook.md,
    /// "Posting", "Post links").
    package func share(_ content: ShareContent, using credentials: StoredCredentials) async -> ShareResult {
        let check = await check(content, for: credentials)
        if let refused = check.refusedResult { return refused }
        let message = check.text
        let pageID = credentials.extraData["page_id"] ?? credentials.platformUserID
        let created: MetaGraphResponses.Created
        do throws(MetaGraphError) {
            // `fields=id,permalink_url` asks for the permalink in the same call (docs/platforms/facebook.md,
            // "Post links").
            created = try await graph.post(
                "\(pageID)/feed", query: [("fields", "id,permalink_url")], form: [("message", message), ("link", content.url)],
                token: credentials.accessToken, as: MetaGraphResponses.Created.self
            ).value
        } catch {
            return error.shareResult(mayHavePosted: true)
        }
        let postID = created.id.value
        if let url = created.permalinkURL { return .published(id: postID, url: url) }
        return .published(id: postID, url: await permalink(postID: postID, pageID: pageID, token: credentials.accessToken))
    }

    /// `GET /{post-id}?fields=permalink_url`, else the hand-built `facebook.com/{page}/posts/{post}`
    /// (docs/platforms/facebook.md, "Post links").
    func permalink(postID: String, pageID: String, token: String) async -> String {
        if let answer = try? await graph.get(
            postID, query: [("fields", "permalink_url")], token: token, as: MetaGraphResponses.Permalink.self
        ).value, let url = answer.permalinkURL {
            return url
        }
        let parts = postID.split(separator: "_", maxSplits: 1)
        let post = parts.count == 2 ? String(parts[1]) : postID
        return "https://www.facebook.com/\(pageID)/posts/\(post)"
    }
}
