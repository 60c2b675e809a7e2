import Foundation
import Metrics
import NIOConcurrencyHelpers
import Platforms
import Prometheus

/// The metrics of one running app, recorded through swift-metrics into a Prometheus registry of
/// its own and shown on `/metrics` (README, "Metrics and health", lists every name and label).
///
/// Each app holds its registry, so tests read exactly what their app recorded; `serve` also
/// makes this factory the process-wide swift-metrics backend (`MetricsSystem.bootstrap`, once),
/// so metrics of libraries land in the same registry. Every label value comes from a fixed set
/// (route patterns, platform names, outcome enums) — never from a raw path, an id or a token.
final class ServiceMetrics: Sendable {
    /// The registry `/metrics` renders.
    let registry: PrometheusCollectorRegistry
    /// The swift-metrics factory over `registry`, with this service's histogram buckets.
    let factory: PrometheusMetricsFactory
    /// Platform call latency and results, recorded by each platform's transport.
    let platformCalls: PlatformCallMetrics

    enum Name {
        static let requests = "social_http_requests_total"
        static let requestDuration = "social_http_request_duration_seconds"
        static let shares = "social_shares_total"
        static let tokenRefreshes = "social_token_refreshes_total"
        static let webhooks = "social_webhooks_total"
        static let queueWaiting = "social_queue_waiting"
        static let queueOldest = "social_queue_oldest_waiting_seconds"
        static let fragmentHits = "social_fragment_cache_hits_total"
        static let fragmentMisses = "social_fragment_cache_misses_total"
        static let fragmentEvictions = "social_fragment_cache_evictions_total"
        static let fragmentEntries = "social_fragment_cache_entries"
        static let fragmentBytes = "social_fragment_cache_bytes"
    }

    /// Request counters and timers by label set, so a request costs a dictionary lookup rather
    /// than a registry lookup (the share-button fragment answers thousands a second).
    private let requestInstruments = NIOLockedValueBox<[RequestKey: (Metrics.Counter, Metrics.Timer)]>([:])
    /// Fragment cache counters last shown, to turn the cache's running totals into increments.
    private let fragmentTotals = NIOLockedValueBox<[String: FragmentCacheStatistics]>([:])

    private struct RequestKey: Hashable {
        var route: String
        var method: String
        var status: Int
    }

    init() {
        registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        // Our pages answer in milliseconds; platforms take up to their timeouts (an Instagram
        // container poll, a slow Mastodon server), so their buckets reach a minute.
        factory.durationHistogramBuckets = [
            Name.requestDuration: [
                .milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
                .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10),
            ],
            PlatformCallMetrics.durationLabel: [
                .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
                .milliseconds(2500), .seconds(5), .seconds(10), .seconds(15), .seconds(30), .seconds(60),
            ],
        ]
        self.factory = factory
        platformCalls = PlatformCallMetrics(factory: factory)
    }

    /// The registry in Prometheus' text exposition format (version 0.0.4).
    func render() -> String { registry.emitToString() }

    // MARK: Requests

    /// Methods labelled as themselves; any other (a client may send any token) is `other`.
    private static let knownMethods: Set<String> = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]

    /// Counts one answered request and its duration under its route pattern.
    func request(route: String, method: String, status: Int, duration: Duration) {
        let key = RequestKey(route: route, method: Self.knownMethods.contains(method) ? method : "other", status: status)
        let (counter, timer) = requestInstruments.withLockedValue { instruments in
            if let found = instruments[key] { return found }
            let made = (
                Metrics.Counter(
                    label: Name.requests, dimensions: [("route", key.route), ("method", key.method), ("status", String(key.status))],
                    factory: factory),
                Metrics.Timer(label: Name.requestDuration, dimensions: [("route", key.route), ("method", key.method)], factory: factory)
            )
            instruments[key] = made
            return made
        }
        counter.increment()
        timer.record(duration: duration)
    }

    // MARK: Shares

    /// Counts each account's outcome of a share order, as the person was shown it.
    func shares(_ outcomes: [AccountShareOutcome], origin: ShareOrigin) {
        for outcome in outcomes {
            let reason = outcome.kind == .failed ? (outcome.errorKind?.rawValue ?? "unknown") : "none"
            Metrics.Counter(
                label: Name.shares,
                dimensions: [
                    ("platform", outcome.platform?.rawValue ?? "unknown"), ("outcome", outcome.kind.rawValue), ("reason", reason),
                    ("origin", origin.rawValue),
                ],
                factory: factory
            ).increment()
        }
    }

    // MARK: Token refreshes

    /// How a refresh under the connection's lock ended.
    enum RefreshResult: String, Sendable {
        /// New tokens were obtained and stored.
        case refreshed
        /// Another request had refreshed while this one waited for the lock: nothing to do.
        case alreadyFresh = "already_fresh"
        /// The grant is dead: the account now needs reconnecting.
        case invalidGrant = "invalid_grant"
        case rateLimited = "rate_limited"
        /// Any other refusal or failure at the platform.
        case failed

        init(_ error: PlatformError) {
            switch error.code {
            case .invalidGrant: self = .invalidGrant
            case .rateLimited: self = .rateLimited
            default: self = .failed
            }
        }
    }

    /// Counts one refresh attempt under the lock.
    func tokenRefresh(platform: PlatformName, result: RefreshResult) {
        Metrics.Counter(label: Name.tokenRefreshes, dimensions: [("platform", platform.rawValue), ("result", result.rawValue)], factory: factory)
            .increment()
    }

    // MARK: Webhooks

    /// Counts one webhook delivery: accepted, a repeat, or why it was refused.
    func webhook(_ webhook: String, result: WebhookIntakeResult) {
        Metrics.Counter(label: Name.webhooks, dimensions: [("webhook", webhook), ("result", result.rawValue)], factory: factory).increment()
    }

    // MARK: Gauges read when scraped

    /// Sets the queue gauges from one reading of each queue.
    func queues(events: QueueStatistics, autoShares: AutoShareQueueStatistics) {
        gauge(Name.queueWaiting, queue: "publish_events").record(events.waiting)
        gauge(Name.queueOldest, queue: "publish_events").record(events.oldestAge ?? 0)
        gauge(Name.queueWaiting, queue: "auto_shares").record(autoShares.waiting)
        gauge(Name.queueOldest, queue: "auto_shares").record(autoShares.oldestDueAge ?? 0)
        gauge(Name.queueWaiting, queue: "auto_shares_parked").record(autoShares.parked)
    }

    private func gauge(_ name: String, queue: String) -> Metrics.Gauge {
        Metrics.Gauge(label: name, dimensions: [("queue", queue)], factory: factory)
    }

    /// Brings the fragment cache metrics up to the cache's own running totals.
    func fragmentCache(_ name: String, statistics now: FragmentCacheStatistics) {
        let before = fragmentTotals.withLockedValue { totals in
            let before = totals[name] ?? FragmentCacheStatistics()
            totals[name] = now
            return before
        }
        let dimensions = [("fragment", name)]
        // The totals only grow; a smaller figure (never expected) adds nothing rather than trapping.
        Metrics.Counter(label: Name.fragmentHits, dimensions: dimensions, factory: factory).increment(by: max(0, now.hits - before.hits))
        Metrics.Counter(label: Name.fragmentMisses, dimensions: dimensions, factory: factory).increment(by: max(0, now.misses - before.misses))
        Metrics.Counter(label: Name.fragmentEvictions, dimensions: dimensions, factory: factory).increment(
            by: max(0, now.evictions - before.evictions))
        Metrics.Gauge(label: Name.fragmentEntries, dimensions: dimensions, factory: factory).record(now.entries)
        Metrics.Gauge(label: Name.fragmentBytes, dimensions: dimensions, factory: factory).record(now.bytes)
    }
}

extension [AccountShareOutcome] {
    /// The outcomes, after counting them in `metrics` (the share service's return goes through this).
    func counted(by metrics: ServiceMetrics?, origin: ShareOrigin) -> Self {
        metrics?.shares(self, origin: origin)
        return self
    }
}
