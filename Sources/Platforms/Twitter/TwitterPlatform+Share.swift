import Foundation

/// Posting (twitter.md §5, §8, §10). A tweet is never retried: X has no idempotency key, so a
/// second attempt after a lost answer could post twice (README "Idempotency").
extension TwitterPlatform {
    package func share(_ content: ShareContent, using credentials: StoredCredentials) async -> ShareResult {
        let text = postText(for: content)
        let problems = TextRules.twitter.problems(text)
        guard problems.isEmpty else { return .failed(.rejectedContent, problems.joined(separator: " ")) }
        let request: PlatformHTTPRequest
        do {
            request = try .json(.POST, apiBase.appending(path: "2/tweets"), ["text": text], headers: [bearer(credentials.accessToken)])
        } catch {
            return .failed(.rejectedContent, "The post text could not be encoded.")
        }
        let response: PlatformHTTPResponse
        do { response = try await transportSend(request) } catch {
            return error.mayHaveReachedServer
                ? .unconfirmed("The connection to X failed after the post was sent; check your profile before posting again.")
                : .failed(.transient, "Could not reach X; nothing was posted. Try again later.")
        }
        return result(for: response, username: credentials.username)
    }

    private func result(for response: PlatformHTTPResponse, username: String?) -> ShareResult {
        let problem = response.decode(TwitterProblem.self)
        let summary = problem?.summary.map { ": " + $0 } ?? ""
        switch response.status {
        case 200..<300:
            guard let tweet = response.decode(TwitterEnvelope<TwitterTweet>.self)?.data else {
                return .unconfirmed("X accepted the post but its answer was unreadable; check your profile.")
            }
            // twitter.md §6: the username form, or the username-independent one.
            let url = username.map { "https://x.com/\($0)/status/\(tweet.id)" } ?? "https://x.com/i/web/status/\(tweet.id)"
            return .published(id: tweet.id, url: url)
        case 401:
            return .failed(.needsReconnect, "X no longer accepts this connection's token; reconnect the account.")
        case 403 where (problem?.detail ?? "").localizedCaseInsensitiveContains("duplicate"):
            return .failed(.duplicate, "X refuses to post the same text twice.")
        case 403 where problem?.kind == "client-forbidden":
            return .failed(.needsReconnect, "X refused this app's access (client not enrolled); check the app's project settings.")
        case 400, 403, 422:
            return .failed(.rejectedContent, "X refused the post\(summary).")
        case 429:
            let capped = problem?.kind == "usage-capped"
            return .failed(.rateLimited, capped ? "X's usage cap is reached\(summary)." : "X is rate limiting posts; try again later.",
                           retryAfter: Self.retryAfter(response))
        case 502, 504:
            // A gateway answered: X may have created the tweet behind it.
            return .unconfirmed("X's gateway failed (\(response.status)) after the post was sent; check your profile before posting again.")
        case 500...:
            return .failed(.transient, "X had a server error (\(response.status)); try again later.")
        default:
            return .failed(.rejectedContent, "X answered \(response.status)\(summary).")
        }
    }
}
