import Crypto
import Foundation

/// Posting a status (docs/platforms/mastodon.md, "Posting", "Errors", "Rate limits").
extension MastodonPlatform {
    /// Posts with an `Idempotency-Key` made from `content.idempotencyKey` and the account
    /// (`idempotencyKey(_:account:)`). Mastodon replays the status it
    /// already made for a key (for 1 h, docs/platforms/mastodon.md, "Posting"), so there one retry
    /// after a dropped connection or a 5xx cannot post twice. Other Mastodon-API servers ignore
    /// the key or replay it differently, and unknown software is not trusted either: there a post
    /// whose answer was lost is `unconfirmed` at once. A 5xx that remains is `unconfirmed` too —
    /// a gateway may have lost the answer to a status that exists (docs/platforms/retries.md).
    package func share(_ content: ShareContent, using credentials: StoredCredentials) async -> ShareResult {
        let instance: URL
        do { instance = try Self.instance(of: credentials) } catch { return .failed(.needsReconnect, error.description) }
        let check = PostCheck(text: postText(for: content), rules: await textRules(instance: instance))
        if let refused = check.refusedResult { return refused }
        let text = check.text
        let retries = await server(instance: instance).honoursIdempotencyKey ? 1 : 0
        let host = instance.host ?? "the server"

        let request = PlatformHTTPRequest.form(
            .POST, instance.appending(path: "api/v1/statuses"), [("status", text), ("visibility", "public")],
            headers: [
                PlatformRequester.bearer(credentials.accessToken),
                ("Idempotency-Key", Self.idempotencyKey(content.idempotencyKey, account: credentials.platformUserID)),
            ])
        var attempt = 0
        while true {
            attempt += 1
            do {
                let response = try await transportSend(request)
                if response.status >= 500 {
                    if attempt <= retries { continue }
                    return .unconfirmed(
                        "\(host) answered \(response.status) after the post was sent, so it may exist; check your profile before posting again.")
                }
                return result(for: response, instance: instance, username: credentials.username)
            } catch {
                if !error.mayHaveReachedServer {
                    return .failed(.transient, "Could not reach \(host); nothing was posted. Try again later.")
                }
                if attempt > retries {
                    return .unconfirmed("The connection to \(host) failed after sending; check your profile before posting again.")
                }
            }
        }
    }

    private func result(for response: PlatformHTTPResponse, instance: URL, username: String?) -> ShareResult {
        let host = instance.host ?? "the server"
        if Self.saysTokenIsDead(response) {
            return .failed(.needsReconnect, "\(host) no longer accepts this connection; connect the account again.")
        }
        switch response.status {
        case 200..<300:
            guard let status = response.decode(MastodonStatus.self) else {
                return .unconfirmed("\(host) accepted the post but its answer was unreadable; check your profile.")
            }
            let url = status.url ?? username.map { instance.appending(path: "@\($0)/\(status.id)").absoluteString }
            return .published(id: status.id, url: url)
        case 401:
            return .failed(.needsReconnect, "\(host) no longer accepts this connection\(detail(response)); connect the account again.")
        case 403:
            return .failed(.needsReconnect, "\(host) refused the post\(detail(response)); check the account, then connect again.")
        case 422:
            return .failed(.rejectedContent, "\(host) refused the post\(detail(response)).")
        case 429:
            return .failed(.rateLimited, "\(host) is rate limiting posts; try again later.", retryAfter: Self.retryAfter(response))
        case 500...:
            return .unconfirmed(
                "\(host) answered \(response.status) after the post was sent, so it may exist; check your profile before posting again.")
        default:
            return .failed(.rejectedContent, "\(host) answered \(response.status)\(detail(response)).")
        }
    }

    private func detail(_ response: PlatformHTTPResponse) -> String {
        response.decode(MastodonErrorBody.self).map { ": " + $0.error.prefix(200) } ?? ""
    }

    /// The header's value for one account. One share order uses one key for all its accounts,
    /// which Mastodon keeps per account; Pleroma and Akkoma keep a key for the whole server and
    /// answer a repeat with the first response (docs/platforms/mastodon-servers.md), so a second
    /// account of the same server in one order would be told "posted" with the first account's
    /// status. The account goes into the key: SHA-256 of both, hex.
    static func idempotencyKey(_ key: String, account: String) -> String {
        SHA256.hash(data: Data((key + "\n" + account).utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
