import Foundation

/// Posting an article share through `POST /rest/posts` (docs/platforms/linkedin.md: "Posting",
/// "Post links", "Errors"). Not retried: the duplicate check is not documented as an idempotency
/// guarantee.
extension LinkedInPlatform {
    package func share(_ content: ShareContent, using credentials: StoredCredentials) async -> ShareResult {
        let check = await check(content, for: credentials)
        if let refused = check.refusedResult { return refused }
        let text = check.text
        let author = credentials.extraData["author_urn"] ?? Self.authorURN(sub: credentials.platformUserID)
        let thumbnail = await thumbnail(for: content, author: author, accessToken: credentials.accessToken)
        let body = LinkedInPostBody(
            author: author, commentary: LinkedInLittleText.escape(text),
            content: .init(
                article: .init(
                    source: content.url, title: content.title, description: content.description, thumbnail: try? thumbnail?.get())))
        let request: PlatformHTTPRequest
        do {
            request = try .json(.POST, apiBase.appending(path: "rest/posts"), body, headers: [bearer(credentials.accessToken)])
        } catch {
            return .failed(.rejectedContent, "The post could not be encoded.")
        }
        let response: PlatformHTTPResponse
        do { response = try await transportSend(request) } catch {
            return error.mayHaveReachedServer
                ? .unconfirmed("The connection to LinkedIn failed after the post was sent; check your profile before posting again.")
                : .failed(.transient, "Could not reach LinkedIn; nothing was posted. Try again later.")
        }
        var result = result(for: response)
        if result.outcome == .published, case .failure(let problem) = thumbnail {
            result.message = "Posted without a card image: \(problem.description)."
        }
        return result
    }

    /// `https://www.linkedin.com/feed/update/{urn}/` (docs/platforms/linkedin.md, "Post links").
    package static func postURL(urn: String) -> String { "https://www.linkedin.com/feed/update/\(urn)/" }

    private func result(for response: PlatformHTTPResponse) -> ShareResult {
        let error = response.decode(LinkedInErrorBody.self)
        let message = error?.message.map { ": " + $0.prefix(200) } ?? ""
        switch response.status {
        case 200..<300:
            // The id is only in the header; the body is empty (docs/platforms/linkedin.md, "Posting").
            guard let urn = response.header("x-restli-id"), urn.hasPrefix("urn:li:") else {
                return .unconfirmed("LinkedIn accepted the post but named no post id; check your profile.")
            }
            return .published(id: urn, url: Self.postURL(urn: urn))
        case 401:
            return .failed(.needsReconnect, "LinkedIn no longer accepts this connection (\(error?.code ?? "unauthorized")); connect again.")
        case 403:
            return .failed(.needsReconnect, "LinkedIn refused the post for missing permission\(message); connect again and allow posting.")
        case 422 where error?.duplicateOf != nil:
            // The URN of the existing post is kept so the caller can link to it
            // (docs/platforms/linkedin.md, "Errors").
            var result = ShareResult.failed(.duplicate, "LinkedIn already has this post.")
            result.platformPostID = error?.duplicateOf
            result.platformPostURL = error?.duplicateOf.map(Self.postURL(urn:))
            return result
        case 426:
            return .failed(.serviceSetup, "LinkedIn no longer accepts API version \(version); an operator must update SOCIAL_LINKEDIN_VERSION.")
        case 429:
            return .failed(.rateLimited, "LinkedIn's daily posting quota is reached; try again tomorrow.", retryAfter: Self.nextUTCMidnight())
        case 500...:
            // LinkedIn's Posts API has no idempotency key: behind any 5xx the post may exist.
            return .unconfirmed(
                "LinkedIn answered \(response.status) after the post was sent, so it may exist; check your profile before posting again.")
        default:
            return .failed(.rejectedContent, "LinkedIn refused the post\(message).")
        }
    }

    /// Quotas reset at midnight UTC and no rate-limit headers are sent (docs/platforms/linkedin.md, "Quotas").
    static func nextUTCMidnight(after now: Date = Date()) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.nextDate(after: now, matching: DateComponents(hour: 0, minute: 0, second: 0), matchingPolicy: .nextTime) ?? now
    }
}
