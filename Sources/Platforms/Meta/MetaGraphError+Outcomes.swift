import Foundation

extension MetaGraphError {
    /// The share outcome for this error. `mayHavePosted` is true for the call that creates the
    /// visible post (Facebook `/feed`, `media_publish`, `threads_publish`): a lost or unreadable
    /// answer there means the post may exist, so the result is `.unconfirmed`, never a retry
    /// (docs/platforms/retries.md). Container creation passes false: an unpublished container is harmless.
    package func shareResult(mayHavePosted: Bool, now: Date = Date()) -> ShareResult {
        let name = platform.displayName
        switch kind {
        case .transport(let timedOut, let reached):
            if mayHavePosted && reached {
                return .unconfirmed(
                    "\(name) did not answer \(timedOut ? "in time" : "before the connection dropped"); the post may have been published. Check the account before sharing again."
                )
            }
            return .failed(.transient, "\(name) could not be reached; nothing was posted. Try again later.")
        case .unreadable:
            if mayHavePosted && (status.map { (200..<300).contains($0) || $0 >= 500 } ?? true) {
                return .unconfirmed("\(name) gave an unreadable answer; the post may have been published. Check the account before sharing again.")
            }
            return .failed(.transient, "\(name) gave an unreadable answer; nothing was posted. Try again later.")
        case .api(_, _, _, _, let isTransient):
            let detail = graphMessage.map { " \(name) said: \($0)" } ?? ""
            if isDeadToken {
                return .failed(.needsReconnect, "The \(name) connection has expired or was revoked; reconnect the account.\(detail)")
            }
            if isRateLimit {
                let retry = usage?.retryAfter(from: now)
                return .failed(.rateLimited, "\(name) asked us to slow down; try again later.\(detail)", retryAfter: retry)
            }
            if code == 368 {
                return .failed(.rateLimited, "\(name) has temporarily blocked posting from this account.\(detail)")
            }
            if isPermissionMissing {
                return .failed(.needsReconnect, "The \(name) connection lacks a permission needed to post; reconnect and allow it.\(detail)")
            }
            if isDuplicate {
                return .failed(.duplicate, "\(name) refused an update identical to the previous one.\(detail)")
            }
            if isTransient || [1, 2, -1, -2].contains(code ?? 0) || (status ?? 0) >= 500 {
                // On the call that makes the post visible, a temporary error does not prove
                // nothing was posted (no idempotency key on /feed, media_publish, threads_publish).
                if mayHavePosted {
                    return .unconfirmed(
                        "\(name) reported a temporary problem while publishing; the post may exist. Check the account before sharing again.\(detail)")
                }
                return .failed(.transient, "\(name) had a temporary problem; nothing was posted. Try again later.\(detail)")
            }
            return .failed(.rejectedContent, "\(name) refused the post.\(detail)")
        }
    }

    /// The connect/refresh/verify/revoke error for this failure.
    package var platformError: PlatformError {
        let detail = graphMessage.map { " \(platform.displayName) said: \($0)" } ?? ""
        switch kind {
        case .transport:
            return PlatformError(.transient, platform, description)
        case .unreadable:
            return PlatformError((status ?? 0) >= 500 ? .transient : .unexpectedResponse, platform, description)
        case .api:
            if isDeadToken { return PlatformError(.invalidGrant, platform, "The token is no longer valid; reconnect.\(detail)") }
            if isRateLimit {
                return PlatformError(.rateLimited, platform, "Rate limited; try again later.\(detail)", retryAfter: usage?.retryAfter(from: Date()))
            }
            if isPermissionMissing { return PlatformError(.permissionMissing, platform, "A required permission was not granted.\(detail)") }
            switch (code, subcode) {
            case (100, 36007), (100, 36009):
                return PlatformError(
                    .invalidGrant, platform, "The authorization code is expired or was already used; start the connection again.\(detail)")
            case (100, 36008):
                return PlatformError(.misconfigured, platform, "The redirect URI differs from the one used at authorization.\(detail)")
            case (101, _):
                return PlatformError(.misconfigured, platform, "The app credentials were refused.\(detail)")
            case (100, _) where endpoint.hasSuffix("oauth/access_token"):
                return PlatformError(.invalidGrant, platform, "The authorization code was refused; start the connection again.\(detail)")
            default:
                return PlatformError((status ?? 0) >= 500 ? .transient : .unexpectedResponse, platform, description)
            }
        }
    }

    /// Whether a failed publish call may nonetheless have published: no answer after sending, or
    /// an unreadable success/5xx answer. A decoded Graph error means Meta refused it.
    var publishMayHaveRun: Bool {
        switch kind {
        case .transport(_, let reached): reached
        case .unreadable: status.map { (200..<300).contains($0) || $0 >= 500 } ?? true
        case .api: false
        }
    }
}
