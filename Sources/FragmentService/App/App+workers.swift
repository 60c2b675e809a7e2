import Foundation
import Logging
import ServiceLifecycle
import SocialCore

extension AppDependencies {
    /// The one share service: the share page and the auto-share worker post through the same.
    func shareService(configuration: AppConfiguration, logger: Logger) -> ShareService<Connections, Shares> {
        ShareService(
            connections: connections, shares: shares, registry: registry, logger: logger, allowHTTPPostLinks: configuration.sandboxURL != nil,
            metrics: metrics)
    }

    /// Resolves publish events (reading pages with `pages`) and plans their auto-shares.
    func resolver(configuration: AppConfiguration, logger: Logger) -> PublishEventWorker<Apps, Events, Items> {
        let planner = AutoSharePlanner(rules: rules, connections: connections, jobs: jobs, signal: autoShareSignal, logger: logger)
        return PublishEventWorker(
            apps: apps, events: events, items: items, pages: pages, signal: eventSignal, logger: logger,
            concurrency: configuration.resolveConcurrency, giveWay: { [foreground] in foreground.isBusy },
            afterResolve: { event, record, attach in try await planner.plan(event: event, record: record, beforeCreating: attach) })
    }

    /// Runs due auto-share jobs through the one share service.
    func autoSharer(configuration: AppConfiguration, logger: Logger) -> AutoShareWorker<Connections, Shares, Jobs, Events, Items> {
        AutoShareWorker(
            shares: shares, jobs: jobs, events: events, items: items, service: shareService(configuration: configuration, logger: logger),
            signal: autoShareSignal, logger: logger, concurrency: configuration.autoShareConcurrency,
            perPlatform: configuration.autoSharePerPlatform)
    }

    /// The background work `serve` runs beside the server: the resolver, the auto-sharer, token
    /// renewal, and feed polling (with `feeds`, when there is one).
    func workers(configuration: AppConfiguration, feeds: (any FeedSource)?, logger: Logger) -> [any Service] {
        var workers: [any Service] = [
            resolver(configuration: configuration, logger: logger), autoSharer(configuration: configuration, logger: logger),
            TokenRenewalWorker(connections: connections, registry: registry, logger: logger),
        ]
        if let feeds {
            workers.append(
                FeedPoller(
                    apps: apps, events: events, source: feeds, signal: eventSignal, logger: logger, interval: .seconds(configuration.feedPollSeconds))
            )
        }
        return workers
    }
}
