import Foundation

extension InstagramClient {
    /// Image container with the caption → wait for FINISHED → `media_publish` → permalink
    /// (docs/platforms/instagram.md, "Posting"). Every feed post needs an image, so without one nothing is called.
    package func share(_ content: ShareContent, using credentials: StoredCredentials) async -> ShareResult {
        let check = await check(content, for: credentials)
        if let refused = check.refusedResult { return refused }
        guard let image = content.imageURL, !image.isEmpty else { return .failed(.rejectedContent, Self.needsImage) }
        let caption = check.text
        let igID = credentials.extraData["ig_user_id"] ?? credentials.platformUserID
        let token = credentials.accessToken
        let containerID: String
        do throws(MetaGraphError) {
            // Safe to report as failed even if the answer was lost: an unpublished container is harmless.
            var form = [("image_url", image), ("caption", caption)]
            // Alt text for image posts, at most 1,000 characters: Meta names no limit, so this one is
            // ours (docs/platforms/instagram.md, "Posting").
            if let alt = content.imageAlt?.trimmingCharacters(in: .whitespacesAndNewlines), !alt.isEmpty {
                form.append(("alt_text", String(alt.prefix(1000))))
            }
            containerID = try await graph.post(
                "\(igID)/media", form: form, token: token,
                as: MetaGraphResponses.Created.self
            ).value.id.value
        } catch {
            return error.shareResult(mayHavePosted: false)
        }
        let publisher = MetaContainerPublisher(graph: graph, publishEdge: "media_publish", statusField: "status_code", polling: polling)
        if let stop = await publisher.waitUntilReady(containerID, token: token) { return stop }
        // The permalink cannot be derived from the id; fall back to the profile (docs/platforms/instagram.md,
        // "Post links").
        let profile = credentials.username.map { "https://www.instagram.com/\($0)/" }
        switch await publisher.publish(containerID, accountID: igID, token: token) {
        case .failure(let box):
            return box.result
        case .success(.confirmedWithoutID):
            return ShareResult(
                outcome: .published, platformPostURL: profile,
                message: "Instagram confirmed the post after a lost answer, without its id.")
        case .success(.media(let id)):
            return .published(id: id, url: await publisher.permalink(of: id, token: token) ?? profile)
        }
    }
}
