import Foundation

/// The second half of Meta's two-step publishing, shared by Instagram (`media_publish`) and Threads
/// (`threads_publish`): wait for the container, publish it with `creation_id`, find the permalink
/// (docs/platforms/instagram.md and docs/platforms/threads.md, "Posting"). A container is never
/// published twice: when the publish answer is lost, the container's status decides — `…_publish`
/// is repeated with the same `creation_id` only while the container is not yet PUBLISHED
/// (docs/platforms/retries.md).
package struct MetaContainerPublisher: Sendable {
    /// The Graph request path.
    package var graph: MetaGraphClient
    /// `media_publish` or `threads_publish`.
    package var publishEdge: String
    /// `status_code` (Instagram) or `status` (Threads).
    package var statusField: String
    /// How long to wait for IN_PROGRESS containers.
    package var polling: MetaContainerPolling

    /// Creates a publisher.
    package init(graph: MetaGraphClient, publishEdge: String, statusField: String, polling: MetaContainerPolling) {
        self.graph = graph
        self.publishEdge = publishEdge
        self.statusField = statusField
        self.polling = polling
    }

    /// The container's state word (`IN_PROGRESS`, `FINISHED`, `PUBLISHED`, `ERROR`, `EXPIRED`).
    package func state(of containerID: String, token: String) async throws(MetaGraphError) -> String? {
        try await graph.get(containerID, query: [("fields", "id,\(statusField)")], token: token, as: MetaGraphResponses.ContainerStatus.self)
            .value.state
    }

    /// Polls until the container is FINISHED; any other ending is the share's result.
    package func waitUntilReady(_ containerID: String, token: String) async -> ShareResult? {
        let name = graph.platform.displayName
        for attempt in 0..<polling.attempts {
            let state: String?
            do throws(MetaGraphError) {
                state = try await self.state(of: containerID, token: token)
            } catch {
                return error.shareResult(mayHavePosted: false)
            }
            switch state {
            case "FINISHED": return nil
            case "PUBLISHED":
                return .failed(.rejectedContent, "\(name) reports this media container as already published; it is not published again.")
            case "ERROR":
                return .failed(
                    .rejectedContent, "\(name) could not process the media (for an image: it may be unreachable, too large or not a JPEG).")
            case "EXPIRED":
                return .failed(.transient, "The \(name) media container expired before publishing; share again.")
            default:
                if attempt + 1 < polling.attempts { try? await Task.sleep(for: polling.interval) }
            }
        }
        return .failed(.transient, "\(name) was still processing the media; nothing was published. Try again later.")
    }

    /// What publishing produced.
    package enum Published: Sendable {
        /// Meta answered the new media id.
        case media(id: String)
        /// The answer was lost but the container now reads PUBLISHED; the media id is unknown.
        case confirmedWithoutID
    }

    /// Publishes `containerID` for `accountID`, at most once per container.
    package func publish(_ containerID: String, accountID: String, token: String) async -> Result<Published, ShareResultBox> {
        do throws(MetaGraphError) {
            let answer = try await graph.post(
                "\(accountID)/\(publishEdge)", form: [("creation_id", containerID)], token: token, as: MetaGraphResponses.Created.self)
            return .success(.media(id: answer.value.id.value))
        } catch {
            guard error.publishMayHaveRun else { return .failure(ShareResultBox(error.shareResult(mayHavePosted: false))) }
            return await resolveLostPublish(containerID, accountID: accountID, token: token, first: error)
        }
    }

    /// The publish answer was lost: read the container instead of publishing blindly.
    private func resolveLostPublish(
        _ containerID: String, accountID: String, token: String, first: MetaGraphError
    ) async -> Result<Published, ShareResultBox> {
        let state: String?
        do throws(MetaGraphError) {
            state = try await self.state(of: containerID, token: token)
        } catch {
            return .failure(ShareResultBox(first.shareResult(mayHavePosted: true)))
        }
        switch state {
        case "PUBLISHED":
            return .success(.confirmedWithoutID)
        case "FINISHED":
            // Not published: the one safe retry, with the same creation_id (docs/platforms/instagram.md,
            // "Posting").
            do throws(MetaGraphError) {
                let answer = try await graph.post(
                    "\(accountID)/\(publishEdge)", form: [("creation_id", containerID)], token: token, as: MetaGraphResponses.Created.self)
                return .success(.media(id: answer.value.id.value))
            } catch {
                return .failure(ShareResultBox(error.shareResult(mayHavePosted: error.publishMayHaveRun)))
            }
        default:
            return .failure(ShareResultBox(first.shareResult(mayHavePosted: true)))
        }
    }

    /// `GET /{media-id}?fields=permalink` (docs/platforms/instagram.md and docs/platforms/threads.md,
    /// "Post links"); nil when unavailable.
    package func permalink(of mediaID: String, token: String) async -> String? {
        try? await graph.get(mediaID, query: [("fields", "id,permalink")], token: token, as: MetaGraphResponses.Permalink.self).value.permalink
    }
}
