import Foundation
import Ingest
import Logging
import ServiceLifecycle

/// Polls the feeds of content apps that cannot send webhooks and turns new items into publish
/// events, exactly as if the app had sent them. Conditional requests keep unchanged feeds cheap;
/// the (app, event id) uniqueness of publish events makes re-reading an item harmless.
struct FeedPoller<Apps: ContentAppRepository, Events: PublishEventRepository>: Service {
    let apps: Apps
    let events: Events
    let source: any FeedSource
    let signal: WakeSignal
    let logger: Logger
    var interval: Duration = .seconds(300)

    func run() async throws {
        try await repeatUntilShutdown(every: interval) { await pollOnce() }
    }

    /// Polls every registered feed once; one failing feed does not stop the others.
    /// Returns how many new events were stored.
    @discardableResult
    func pollOnce() async -> Int {
        var created = 0
        do {
            for subscription in try await apps.feedSubscriptions() {
                do {
                    created += try await poll(subscription)
                } catch {
                    logger.warning(
                        "feed poll failed", metadata: ["app": "\(subscription.app.id)", "error": "\(error)"])
                }
            }
        } catch {
            logger.error("could not list feed subscriptions", metadata: ["error": "\(String(reflecting: error))"])
        }
        if created > 0 { signal.wake() }
        return created
    }

    private func poll(_ subscription: FeedSubscription) async throws -> Int {
        guard let url = URL(string: subscription.feedURL) else { return 0 }
        let validators = FeedValidators(etag: subscription.etag, lastModified: subscription.lastModified)
        guard let (feed, newValidators) = try await source.feed(at: url, validators: validators) else {
            try await apps.recordFeedPoll(appID: subscription.app.id, etag: subscription.etag, lastModified: subscription.lastModified)
            return 0
        }
        var created = 0
        for item in feed.items {
            guard let link = item.link, let itemURL = URL(string: link), subscription.app.owns(itemURL) else { continue }
            // History is not news: items from before the app registered are never announced, and
            // on the first poll undated items are taken as history too.
            if let published = item.publishedAt, published < subscription.registeredAt { continue }
            if item.publishedAt == nil && subscription.polledAt == nil { continue }
            let (_, isNew) = try await events.record(
                NewPublishEvent(
                    appID: subscription.app.id, eventID: "feed:" + String((item.id ?? link).prefix(190)), source: .feed,
                    contentType: subscription.app.feedContentType, url: link, title: item.title, description: item.summary,
                    imageURL: item.image, tags: item.categories, authorUserID: nil, publishedAt: item.publishedAt))
            if isNew { created += 1 }
        }
        try await apps.recordFeedPoll(appID: subscription.app.id, etag: newValidators.etag, lastModified: newValidators.lastModified)
        return created
    }
}
