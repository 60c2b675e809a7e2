import Hummingbird
import ServiceLifecycle
import Logging
import SocialCore

extension AppDependencies {
    /// Adds `/readyz` and, when it belongs on the main port, `/metrics` to `router`; returns the
    /// separate metrics server to run beside the main one when `METRICS_PORT` is set
    /// (README, "Metrics and health").
    func addObservability(
        to router: Router<AppRequestContext>, fragments: FragmentRegistry, configuration: AppConfiguration, logger: Logger
    ) -> (any Service)? {
        ReadinessController<AppRequestContext>(readiness: readiness).addRoutes(to: router)
        let collect = collector(fragments: fragments)
        if configuration.servesMetricsOnMainPort {
            MetricsController<AppRequestContext>(metrics: metrics, token: configuration.metricsToken, collect: collect).addRoutes(to: router)
        } else if configuration.metricsPort == nil {
            logger.warning(
                "/metrics is not served: PUBLIC_BASE_URL is https, so set METRICS_TOKEN (scrapes send it as a Bearer token) or METRICS_PORT (a port kept off the internet)"
            )
        }
        guard let port = configuration.metricsPort else { return nil }
        let metricsRouter = Router(context: BasicRequestContext.self)
        MetricsController<BasicRequestContext>(metrics: metrics, token: configuration.metricsToken, collect: collect).addRoutes(to: metricsRouter)
        return Application(
            router: metricsRouter,
            configuration: .init(address: .hostname(configuration.host, port: port), serverName: "social-service-metrics"),
            logger: logger)
    }

    /// Brings the figures read on scrape up to date: the fragment caches' totals (in memory) and
    /// the queue gauges (one cheap read per queue, given at most two seconds; on failure the
    /// gauges keep their last values and the failure is logged).
    private func collector(fragments: FragmentRegistry) -> @Sendable (Logger) async -> Void {
        let metrics = metrics
        let events = events
        let jobs = jobs
        return { logger in
            for name in fragments.names {
                if let endpoint = fragments.endpoint(named: name) { metrics.fragmentCache(name, statistics: endpoint.statistics) }
            }
            do {
                let read = try await withDeadline(.seconds(2)) {
                    async let eventQueue = events.queueStatistics()
                    async let jobQueue = jobs.queueStatistics()
                    return (try await eventQueue, try await jobQueue)
                }
                guard let (eventQueue, jobQueue) = read else {
                    logger.warning("metrics: the queues could not be read in time; the queue gauges keep their last values")
                    return
                }
                metrics.queues(events: eventQueue, autoShares: jobQueue)
            } catch {
                logger.warning(
                    "metrics: the queues could not be read; the queue gauges keep their last values",
                    metadata: ["error": "\(String(reflecting: error))"])
            }
        }
    }
}
