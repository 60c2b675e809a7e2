import Foundation

/// Why a Graph call (Facebook, Instagram, Threads) did not give a usable answer: the decoded Meta
/// error envelope, no answer at all, or an answer we cannot read. Descriptions carry host and path
/// only — Graph calls may put `access_token` or `client_secret` in the query, which never appears here.
package struct MetaGraphError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    package enum Kind: Sendable, Equatable {
        /// The Meta error envelope `{"error":{"code","error_subcode","message",…}}` (docs/platforms/facebook.md,
        /// "Errors": key off `code`/`error_subcode`, not the HTTP status).
        case api(code: Int, subcode: Int?, message: String, userMessage: String?, isTransient: Bool)
        /// No HTTP answer arrived; `mayHaveReachedServer` says whether the request may have run.
        case transport(timedOut: Bool, mayHaveReachedServer: Bool)
        /// An answer that is neither the expected shape nor the error envelope (truncated JSON, empty 502).
        case unreadable
    }

    /// What went wrong.
    package var kind: Kind
    /// The platform that answered.
    package var platform: PlatformName
    /// HTTP status, when an answer arrived.
    package var status: Int?
    /// `host/path` of the call, never its query.
    package var endpoint: String
    /// Rate-limit usage headers of the failed answer.
    package var usage: MetaUsage?

    /// Creates an error.
    package init(_ kind: Kind, platform: PlatformName, status: Int? = nil, endpoint: String, usage: MetaUsage? = nil) {
        self.kind = kind
        self.platform = platform
        self.status = status
        self.endpoint = endpoint
        self.usage = usage
    }

    /// The Graph error code, when the envelope was decoded.
    package var code: Int? {
        if case .api(let code, _, _, _, _) = kind { return code }
        return nil
    }

    /// The Graph error subcode, when present.
    package var subcode: Int? {
        if case .api(_, let subcode, _, _, _) = kind { return subcode }
        return nil
    }

    /// Token invalid, expired or revoked: 190 (any subcode) and 102 (docs/platforms/facebook.md, "Errors").
    package var isDeadToken: Bool { code == 190 || code == 102 }

    /// Throttling: 4, 17, 32, 613, 80001 and 341 (docs/platforms/facebook.md, "Errors"), 9 =
    /// Instagram/Threads publishing quota (9/2207042, docs/platforms/instagram.md, "Errors"). HTTP status is
    /// unreliable here, so only codes count.
    package var isRateLimit: Bool { [4, 9, 17, 32, 341, 613, 80001].contains(code ?? 0) }

    /// A permission the token lacks: 10 and 200–299 (docs/platforms/facebook.md, "Errors").
    package var isPermissionMissing: Bool { code == 10 || (200...299).contains(code ?? 0) }

    /// Facebook's duplicate-status refusal (code 506, docs/platforms/facebook.md, "Errors").
    package var isDuplicate: Bool { code == 506 }

    /// The message Meta gave (user-facing text first), shortened; Meta's texts carry no secrets.
    package var graphMessage: String? {
        guard case .api(_, _, let message, let userMessage, _) = kind else { return nil }
        let text = userMessage ?? message
        return text.count > 240 ? String(text.prefix(240)) + "…" : text
    }

    /// A sentence for logs and people, free of tokens and query strings.
    package var description: String {
        switch kind {
        case .api(let code, let subcode, _, _, _):
            let sub = subcode.map { "/\($0)" } ?? ""
            return "\(platform.displayName) error \(code)\(sub) from \(endpoint): \(graphMessage ?? "")"
        case .transport(let timedOut, _):
            return "\(platform.displayName) did not answer \(endpoint)" + (timedOut ? " in time" : " (connection failed)")
        case .unreadable:
            return "\(platform.displayName) gave an unreadable answer from \(endpoint)" + (status.map { " (HTTP \($0))" } ?? "")
        }
    }
}
