import Foundation

/// X API v2: reading and deleting a post (`GET` and `DELETE /2/tweets/{id}`; docs/platforms/twitter.md,
/// "Reading and deleting a post", with auth and error shapes as in "Identity" and "Errors" there).
extension SandboxState {
    /// `GET /2/tweets/{id}`: `tweet.read users.read`; an unknown id answers 200 with a
    /// resource-not-found problem in `errors` (the spec's GetPostsByIdResponse).
    func twitterGetPost(_ request: SandboxRequest, id: String) -> SandboxResponse {
        twitterAuthenticated(request, scopes: ["tweet.read", "users.read"], limit: ("tweets/:id", 900)) { _ in
            guard let post = self.posts.first(where: { $0.platform == .twitter && $0.id == id }) else {
                return .object(["errors": [Self.twitterNotFound(id)]])
            }
            return .object(["data": ["id": post.id, "text": post.text, "edit_history_tweet_ids": [post.id]]])
        }
    }

    /// `DELETE /2/tweets/{id}`: `tweet.read tweet.write users.read`; only the author may delete.
    func twitterDeletePost(_ request: SandboxRequest, id: String) -> SandboxResponse {
        twitterAuthenticated(request, scopes: ["tweet.read", "tweet.write", "users.read"], limit: ("tweets/delete", 50)) { token in
            guard let index = self.posts.firstIndex(where: { $0.platform == .twitter && $0.id == id }) else {
                return .object(.notFound, Self.twitterNotFound(id).merging(["status": 404]) { $1 })
            }
            guard self.posts[index].account == token.accountID else {
                return Self.problem(
                    403, "Forbidden", "You are not authorized to delete this Post.",
                    type: "https://api.x.com/2/problems/client-forbidden")
            }
            self.posts.remove(at: index)
            return .object(["data": ["deleted": true]])
        }
    }

    static func twitterNotFound(_ id: String) -> [String: Any] {
        [
            "value": id, "detail": "Could not find post with id: [\(id)].", "title": "Not Found Error", "resource_type": "tweet",
            "parameter": "id", "resource_id": id, "type": "https://api.x.com/2/problems/resource-not-found",
        ]
    }
}
