import Foundation
import Logging
import Platforms

/// Shares to every selected account at once — the one path manual shares and
/// auto-share both use. For the whole order: read the accounts, check the database allows each
/// post (no second live share of a URL, one post per idempotency key) and record every allowed
/// one as pending — one repository call each, however many accounts. Then per account, side by side:
/// refresh the token under the connection's lock when it is about to expire, post,
/// refresh-and-retry once on an authorisation failure, and record the outcome as soon as it is
/// known (`ShareOutcomeWriter` groups outcomes that arrive together). One account's failure
/// never hides another's.
struct ShareService<Connections: ConnectionRepository, Shares: ShareRepository>: Sendable {
    let connections: Connections
    let shares: Shares
    let registry: PlatformRegistry
    let logger: Logger
    /// Tokens expiring sooner than this are refreshed before posting.
    var refreshMargin: TimeInterval = 300
    /// Sandbox mode: emulated platforms may name plain-http post links (`PostLink`).
    var allowHTTPPostLinks = false
    /// While some account of an order is still posting, outcomes are gathered into one write
    /// until none has arrived for `outcomeQuiet` or the oldest has waited `outcomeLongestWait`
    /// (`ShareOutcomeWriter`). The longest wait is how long a finished outcome may stay in memory
    /// only: a crash then leaves its attempt pending, settled as unconfirmed by the lease.
    var outcomeQuiet: Duration = .milliseconds(50)
    var outcomeLongestWait: Duration = .milliseconds(250)
    /// Counts every order's outcomes (`social_shares_total`).
    var metrics: ServiceMetrics?

    /// An account that may be posted to, and what the person will see about it so far.
    private typealias Candidate = (connection: SocialConnection, platform: any SocialPlatform, outcome: AccountShareOutcome)

    /// One outcome per account asked for, in the order asked; an account named twice is shared
    /// once and answered once. `each` hears every account's outcome as soon as it is stored,
    /// before the slowest account of the order has answered (the auto-share worker settles its
    /// jobs with it); accounts refused outright are heard before any is posted to.
    func share(_ order: ShareOrder, each: (@Sendable (AccountShareOutcome) async -> Void)? = nil) async -> [AccountShareOutcome] {
        var seen: Set<Int64> = []
        let ids = order.connectionIDs.filter { seen.insert($0).inserted }
        var outcomes: [Int64: AccountShareOutcome] = [:]
        do {
            let candidates = try await postableAccounts(ids, order: order, outcomes: &outcomes)
            let started = try await startAttempts(candidates, order: order, outcomes: &outcomes)
            if let each {
                let posting = Set(started.map(\.0.connection.id))
                for id in ids where !posting.contains(id) { await each(outcomes[id] ?? Self.failedOnOurSide(id)) }
            }
            let writer = ShareOutcomeWriter(
                shares: shares, expected: started.count, quiet: outcomeQuiet, longest: outcomeLongestWait)
            let posted = await withTaskGroup(of: (Int64, AccountShareOutcome).self) { group in
                for (candidate, record) in started {
                    group.addTask {
                        let content = order.content(for: candidate.connection.id)
                        let outcome = await postAndRecord(candidate, record: record, content: content, writer: writer)
                        await each?(outcome)
                        return (candidate.connection.id, outcome)
                    }
                }
                var posted: [(Int64, AccountShareOutcome)] = []
                for await outcome in group { posted.append(outcome) }
                return posted
            }
            for (id, outcome) in posted { outcomes[id] = outcome }
        } catch {
            // Reading the accounts or starting the attempts failed: nothing was posted to any
            // account that has no outcome yet.
            let undecided = ids.filter { outcomes[$0] == nil }
            logger.error(
                "share failed inside the service", metadata: ["connections": "\(undecided)", "error": "\(String(reflecting: error))"])
            if let each {
                for id in ids { await each(outcomes[id] ?? Self.failedOnOurSide(id)) }
            }
        }
        return ids.map { outcomes[$0] ?? Self.failedOnOurSide($0) }.counted(by: metrics, origin: order.origin)
    }

    /// Reads the order's accounts in one statement and answers here those that cannot be posted
    /// to at all (not the person's, platform unavailable or paused); returns the rest in order.
    private func postableAccounts(_ ids: [Int64], order: ShareOrder, outcomes: inout [Int64: AccountShareOutcome]) async throws -> [Candidate] {
        guard !ids.isEmpty else { return [] }
        var found: [Int64: SocialConnection] = [:]
        for connection in try await connections.connections(ids: ids, userID: order.userID) { found[connection.id] = connection }
        var candidates: [Candidate] = []
        for id in ids {
            guard let connection = found[id] else {
                outcomes[id] = AccountShareOutcome(
                    connectionID: id, platform: nil, accountName: "unknown account", kind: .notFound,
                    message: "That is not one of your connected accounts.")
                continue
            }
            let name = connection.displayName ?? connection.username ?? connection.platformUserID
            var outcome = AccountShareOutcome(connectionID: id, platform: connection.platform, accountName: name, kind: .failed)
            outcome.instanceURL = connection.serverURL
            switch AccountReadiness.check(connection, registry: registry) {
            case .success(let platform):
                candidates.append((connection, platform, outcome))
            case .failure(let blocked):
                outcome.errorKind = blocked.kind
                outcome.message = blocked.message
                outcomes[id] = outcome
            }
        }
        return candidates
    }

    /// Records every candidate's attempt as pending at once (before any platform call) and
    /// answers those the database refused; returns the started ones with their rows.
    private func startAttempts(
        _ candidates: [Candidate], order: ShareOrder, outcomes: inout [Int64: AccountShareOutcome]
    ) async throws -> [(Candidate, ShareRecord)] {
        guard !candidates.isEmpty else { return [] }
        let starts = try await shares.start(
            connectionIDs: candidates.map(\.connection.id), userID: order.userID, url: order.content.url, title: order.content.title,
            message: order.content.message, messages: order.messages, idempotencyKey: order.content.idempotencyKey, shareAgain: order.shareAgain,
            origin: order.origin)
        var started: [(Candidate, ShareRecord)] = []
        for candidate in candidates {
            let id = candidate.connection.id
            switch starts[id] {
            case nil:
                // The row that refused it changed before it could be read: nothing was recorded,
                // so nothing is posted (the person may simply try again).
                logger.error("share attempt neither started nor refused", metadata: ["connection": "\(id)"])
            case .repeatedSubmission(let earlier):
                outcomes[id] = Self.describe(earlier, into: candidate.outcome, pendingLease: shares.pendingLease)
            case .alreadyShared(let earlier):
                // A published earlier share is "already shared"; one still pending or unconfirmed is described as such.
                var described = Self.describe(earlier, into: candidate.outcome, pendingLease: shares.pendingLease)
                if earlier.status == .published {
                    described.kind = .alreadyShared
                    described.message = "Already shared to this account."
                }
                outcomes[id] = described
            case .started(let record):
                started.append((candidate, record))
            }
        }
        return started
    }

    /// Posts one started attempt and records its outcome; a failure to record it is reported
    /// like any failure on our side, and the attempt stays pending until its lease ends.
    private func postAndRecord(
        _ candidate: Candidate, record: ShareRecord, content: ShareContent, writer: ShareOutcomeWriter<Shares>
    ) async -> AccountShareOutcome {
        let connection = candidate.connection
        var result = await post(content, to: connection, with: candidate.platform)
        if let link = result.platformPostURL {
            result.platformPostURL = connection.credentials.flatMap {
                PostLink.trusted(link, platform: connection.platform, credentials: $0, allowHTTP: allowHTTPPostLinks)
            }
            if result.platformPostURL == nil {
                logger.warning(
                    "dropped a post link the platform answered with: not an https URL on its own host",
                    metadata: [
                        "platform": "\(connection.platform.rawValue)", "connection": "\(connection.id)",
                        "scheme": "\(URL(string: link)?.scheme ?? "-")",
                    ])
            }
        }
        if result.errorKind == .serviceSetup {
            logger.error(
                "an operator must act before this platform takes posts again",
                metadata: ["platform": "\(connection.platform.rawValue)", "reason": "\(result.message ?? "-")"])
        }
        do {
            if result.errorKind == .needsReconnect, result.outcome == .failed {
                try await connections.markNeedsReconnect(id: connection.id, reason: result.message ?? "Reconnect this account.")
            }
            let finished = try await writer.finish(shareID: record.id, result: result)
            return Self.describe(finished, into: candidate.outcome, errorKind: result.errorKind)
        } catch {
            logger.error(
                "share failed inside the service", metadata: ["connection": "\(connection.id)", "error": "\(String(reflecting: error))"])
            return Self.failedOnOurSide(connection.id)
        }
    }

    /// What an account shows when this service failed it (a database error, say).
    static func failedOnOurSide(_ id: Int64) -> AccountShareOutcome {
        AccountShareOutcome(
            connectionID: id, platform: nil, accountName: "account \(id)", kind: .failed,
            message: "Something went wrong on our side; nothing was posted. Please try again.", errorKind: .transient)
    }

    /// Refresh when due, post, and on an authorisation failure refresh once and post again (a
    /// 401 means nothing was posted, so the retry cannot post twice).
    private func post(_ content: ShareContent, to connection: SocialConnection, with platform: any SocialPlatform) async -> ShareResult {
        var current = connection
        var refreshed = false
        switch connection.renewalDue(refreshMargin: refreshMargin) {
        case nil:
            break
        case .refreshToken:
            switch await refresh(connection, platform: platform, stale: nil, margin: refreshMargin) {
            case .success(let fresh): current = fresh; refreshed = true
            case .failure(let failure): return failure.result
            }
        case .accessToken(_, let window):
            // The token still works until it expires: only a dead grant stops the post; any other
            // failure to renew leaves it for the next share or the renewal sweep.
            switch await refresh(connection, platform: platform, stale: nil, margin: window) {
            case .success(let fresh): current = fresh
            case .failure(let failure) where failure.deadGrant: return failure.result
            case .failure: break
            }
        }
        guard let credentials = current.credentials else { return .failed(.needsReconnect, "Reconnect this account: no token is stored.") }
        let first = await platform.share(content, using: credentials)
        guard first.outcome == .failed, first.errorKind == .needsReconnect, !refreshed, current.refreshToken != nil else { return first }
        switch await refresh(current, platform: platform, stale: credentials.accessToken, margin: refreshMargin) {
        case .success(let fresh):
            guard let retry = fresh.credentials else { return first }
            return await platform.share(content, using: retry)
        case .failure(let failure):
            return failure.result
        }
    }

    private func refresh(
        _ connection: SocialConnection, platform: any SocialPlatform, stale: String?, margin: TimeInterval
    ) async -> Result<SocialConnection, ShareFailure> {
        do {
            let fresh = try await connections.refreshLocked(
                id: connection.id, userID: connection.userID, margin: margin, staleAccessToken: stale
            ) { credentials throws(PlatformError) in try await platform.refresh(credentials) }
            return .success(fresh)
        } catch let error as PlatformError {
            switch error.code {
            case .invalidGrant, .refreshNotSupported, .permissionMissing:
                return .failure(
                    ShareFailure(
                        .failed(.needsReconnect, "Reconnect this \(connection.platform.displayName) account: \(error.description)"),
                        deadGrant: error.code == .invalidGrant))
            case .rateLimited:
                return .failure(ShareFailure(.failed(.rateLimited, error.description, retryAfter: error.retryAfter)))
            default:
                return .failure(
                    ShareFailure(.failed(.transient, "Could not renew access to \(connection.platform.displayName): \(error.description)")))
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
            outcome.errorKind = errorKind ?? record.errorKind
        }
        return outcome
    }
}
