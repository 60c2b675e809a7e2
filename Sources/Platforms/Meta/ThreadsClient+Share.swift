import Foundation

extension ThreadsClient {
    /// TEXT container with `link_attachment`, then `threads_publish`, then the permalink
    /// (docs/platforms/threads.md, "Posting", "Post links").
    package func share(_ content: ShareContent, using credentials: StoredCredentials) async -> ShareResult {
        let check = await check(content, for: credentials)
        if let refused = check.refusedResult { return refused }
        let text = check.text
        let userID = credentials.extraData["threads_user_id"] ?? credentials.platformUserID
        let token = credentials.accessToken
        let containerID: String
        do throws(MetaGraphError) {
            // A failed or lost container creation is safe to report as failed: an unpublished
            // container is harmless (docs/platforms/threads.md, "Posting").
            containerID = try await graph.post(
                "\(userID)/threads",
                form: [
                    ("media_type", "TEXT"), ("text", text), ("link_attachment", content.url),
                ], token: token, as: MetaGraphResponses.Created.self
            ).value.id.value
        } catch {
            return error.shareResult(mayHavePosted: false)
        }
        // Checked before publishing: an unpublished container is harmless and expires by itself.
        if let stop = await quotaStop(userID: userID, token: token) { return stop }
        let publisher = MetaContainerPublisher(graph: graph, publishEdge: "threads_publish", statusField: "status", polling: polling)
        if let stop = await publisher.waitUntilReady(containerID, token: token) { return stop }
        let profile = credentials.username.map { "https://www.threads.com/@\($0)" }
        switch await publisher.publish(containerID, accountID: userID, token: token) {
        case .failure(let box):
            return box.result
        case .success(.confirmedWithoutID):
            // The fallback URL is the profile (docs/platforms/threads.md, "Post links").
            return ShareResult(
                outcome: .published, platformPostURL: profile,
                message: "Threads confirmed the post after a lost answer, without its id.")
        case .success(.media(let id)):
            return .published(id: id, url: await publisher.permalink(of: id, token: token) ?? profile)
        }
    }
}
