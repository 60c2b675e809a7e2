import Foundation
import Logging
import Platforms

/// Shares to every selected account at once (plan 6a) — the one path manual shares and
/// auto-share both use. Per account: check the database allows the post (no second live share
/// of a URL, one post per idempotency key), record it as pending, refresh the token under the
/// connection's lock when it is about to expire, post, refresh-and-retry once on an
/// authorisation failure, and record the outcome. One account's failure never hides another's.
struct ShareService<Connections: ConnectionRepository, Shares: ShareRepository>: Sendable {
    let connections: Connections
    let shares: Shares
    let registry: PlatformRegistry
    let logger: Logger
    /// Tokens expiring sooner than this are refreshed before posting.
    var refreshMargin: TimeInterval = 300
    /// Sandbox mode: emulated platforms may name plain-http post links (`PostLink`).
    var allowHTTPPostLinks = false

    func share(_ order: ShareOrder) async -> [AccountShareOutcome] {
        await withTaskGroup(of: (Int, AccountShareOutcome).self) { group in
            for (index, id) in order.connectionIDs.enumerated() {
                group.addTask { (index, await shareOne(id, order: order)) }
            }
            var outcomes: [(Int, AccountShareOutcome)] = []
            for await outcome in group { outcomes.append(outcome) }
            return outcomes.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }

    private func shareOne(_ id: Int64, order: ShareOrder) async -> AccountShareOutcome {
        do {
            return try await attempt(id, order: order)
        } catch {
            logger.error("share failed inside the service", metadata: ["connection": "\(id)", "error": "\(String(reflecting: error))"])
            return AccountShareOutcome(
                connectionID: id, platform: nil, accountName: "account \(id)", kind: .failed,
                message: "Something went wrong on our side; nothing was posted. Please try again.", errorKind: .transient)
        }
    }

    private func attempt(_ id: Int64, order: ShareOrder) async throws -> AccountShareOutcome {
        guard let connection = try await connections.connection(id: id, userID: order.userID) else {
            return AccountShareOutcome(
                connectionID: id, platform: nil, accountName: "unknown account", kind: .notFound,
                message: "That is not one of your connected accounts.")
        }
        let name = connection.displayName ?? connection.username ?? connection.platformUserID
        var outcome = AccountShareOutcome(connectionID: id, platform: connection.platform, accountName: name, kind: .failed)
        if connection.platform == .mastodon { outcome.instanceURL = connection.extraData["instance_url"] }
        guard let platform = registry.platform(connection.platform) else {
            outcome.message = "\(connection.platform.displayName) is not available on this server any more."
            return outcome
        }
        if registry.postingBlocked(connection.platform) != nil {
            // Certain to fail at the platform (a retired API version): nothing is attempted.
            outcome.errorKind = .serviceSetup
            outcome.message = OperatorAlert.pausedMessage(connection.platform)
            return outcome
        }
        let start = try await shares.start(
            connectionID: id, userID: order.userID, url: order.content.url, title: order.content.title, message: order.content.message,
            idempotencyKey: order.content.idempotencyKey, shareAgain: order.shareAgain.contains(id), origin: order.origin)
        let record: ShareRecord
        switch start {
        case .repeatedSubmission(let earlier): return Self.describe(earlier, into: outcome, pendingLease: shares.pendingLease)
        case .alreadyShared(let earlier):
            // A published earlier share is "already shared"; one still pending or unconfirmed is described as such.
            var described = Self.describe(earlier, into: outcome, pendingLease: shares.pendingLease)
            if earlier.status == .published {
                described.kind = .alreadyShared
                described.message = "Already shared to this account."
            }
            return described
        case .started(let started): record = started
        }

        var result = await post(order.content, to: connection, with: platform)
        if let link = result.platformPostURL {
            result.platformPostURL = connection.credentials.flatMap {
                PostLink.trusted(link, platform: connection.platform, credentials: $0, allowHTTP: allowHTTPPostLinks)
            }
            if result.platformPostURL == nil {
                logger.warning(
                    "dropped a post link the platform answered with: not an https URL on its own host",
                    metadata: ["platform": "\(connection.platform.rawValue)", "connection": "\(id)", "scheme": "\(URL(string: link)?.scheme ?? "-")"])
            }
        }
        if result.errorKind == .serviceSetup {
            logger.error(
                "an operator must act before this platform takes posts again",
                metadata: ["platform": "\(connection.platform.rawValue)", "reason": "\(result.message ?? "-")"])
        }
        if result.errorKind == .needsReconnect, result.outcome == .failed {
            try await connections.markNeedsReconnect(id: id, reason: result.message ?? "Reconnect this account.")
        }
        let finished = try await shares.finish(id: record.id, result: result)
        return Self.describe(finished, into: outcome, errorKind: result.errorKind)
    }

    /// Refresh when due, post, and on an authorisation failure refresh once and post again (a
    /// 401 means nothing was posted, so the retry cannot post twice).
    private func post(_ content: ShareContent, to connection: SocialConnection, with platform: any SocialPlatform) async -> ShareResult {
        if connection.status == .needsReconnect {
            return .failed(.needsReconnect, "Reconnect this \(connection.platform.displayName) account first: \(connection.lastError ?? "its authorisation stopped working").")
        }
        var current = connection
        var refreshed = false
        if connection.refreshToken != nil, let expires = connection.tokenExpiresAt, expires.timeIntervalSinceNow < refreshMargin {
            switch await refresh(connection, platform: platform, stale: nil) {
            case .success(let fresh): current = fresh; refreshed = true
            case .failure(let failure): return failure.result
            }
        }
        guard let credentials = current.credentials else { return .failed(.needsReconnect, "Reconnect this account: no token is stored.") }
        let first = await platform.share(content, using: credentials)
        guard first.outcome == .failed, first.errorKind == .needsReconnect, !refreshed, current.refreshToken != nil else { return first }
        switch await refresh(current, platform: platform, stale: credentials.accessToken) {
        case .success(let fresh):
            guard let retry = fresh.credentials else { return first }
            return await platform.share(content, using: retry)
        case .failure(let failure):
            return failure.result
        }
    }

    private func refresh(_ connection: SocialConnection, platform: any SocialPlatform, stale: String?) async -> Result<SocialConnection, ShareFailure> {
        do {
            let fresh = try await connections.refreshLocked(
                id: connection.id, userID: connection.userID, margin: refreshMargin, staleAccessToken: stale
            ) { credentials throws(PlatformError) in try await platform.refresh(credentials) }
            return .success(fresh)
        } catch let error as PlatformError {
            switch error.code {
            case .invalidGrant, .refreshNotSupported, .permissionMissing:
                return .failure(ShareFailure(.failed(.needsReconnect, "Reconnect this \(connection.platform.displayName) account: \(error.description)")))
            case .rateLimited:
                return .failure(ShareFailure(.failed(.rateLimited, error.description, retryAfter: error.retryAfter)))
            default:
                return .failure(ShareFailure(.failed(.transient, "Could not renew access to \(connection.platform.displayName): \(error.description)")))
            }
        } catch {
            return .failure(ShareFailure(.failed(.transient, "Could not renew access to \(connection.platform.displayName); nothing was posted.")))
        }
    }

    /// Turns a stored attempt into what the person sees.
    static func describe(
        _ record: ShareRecord, into base: AccountShareOutcome, errorKind: ShareErrorKind? = nil, pendingLease: TimeInterval? = nil
    ) -> AccountShareOutcome {
        var outcome = base
        outcome.shareID = record.id
        outcome.postURL = record.postURL
        switch record.status {
        case .published:
            outcome.kind = .published
        case .pending:
            outcome.kind = .inProgress
            outcome.message = "This share is already being posted."
            outcome.pendingUntil = pendingLease.map { record.createdAt.addingTimeInterval($0) }
        case .unconfirmed:
            outcome.kind = .unconfirmed
            outcome.message = record.errorMessage ?? "We could not confirm the post. Check your account before trying again."
        case .failed:
            outcome.kind = .failed
            outcome.message = record.errorMessage
            outcome.errorKind = errorKind ?? record.errorKind.flatMap(ShareErrorKind.init(rawValue:))
        }
        return outcome
    }
}
