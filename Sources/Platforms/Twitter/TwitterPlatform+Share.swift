import Foundation

/// Posting (docs/platforms/twitter.md: "Posting", "Errors", "Counting text"). A tweet is never
/// retried: X has no idempotency key, so a second attempt after a lost answer could post twice
/// (docs/platforms/retries.md).
extension TwitterPlatform {
    package func share(_ content: ShareContent, using credentials: StoredCredentials) async -> ShareResult {
        let check = await check(content, for: credentials)
        if let refused = check.refusedResult { return refused }
        let text = check.text
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
            // The username form, or the username-independent one (docs/platforms/twitter.md, "Post links").
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
        case 402:
            // Pay-per-use credit spent (docs/platforms/twitter.md, "Billing"): nothing posts until an
            // operator adds credit.
            return .failed(.serviceSetup, "This service's X API account is out of credit; posting to X resumes once an operator adds credit.")
        case 429 where problem?.kind == "usage-capped":
            return .failed(
                .serviceSetup,
                "This service's X API usage cap is reached\(summary); posting to X resumes next billing cycle or when an operator raises it.")
        case 429:
            return .failed(.rateLimited, "X is rate limiting posts; try again later.", retryAfter: Self.retryAfter(response))
        case 500...:
            // X has no idempotency key: behind any 5xx the tweet may exist, so never post again blindly.
            return .unconfirmed("X answered \(response.status) after the post was sent, so it may exist; check your profile before posting again.")
        default:
            return .failed(.rejectedContent, "X answered \(response.status)\(summary).")
        }
    }
}
