import Foundation

/// `ContentAppRepository` in memory, for router tests.
actor MemoryContentAppRepository: ContentAppRepository {
    private var apps: [String: ContentApp] = [:]
    private var polls: [String: FeedSubscription] = [:]
    private let registeredAt = Date()

    init(_ apps: [ContentApp] = []) {
        for app in apps { self.apps[app.id] = app }
    }

    func find(id: String) async throws -> ContentApp? { apps[id] }
    func save(_ app: ContentApp) async throws { apps[app.id] = app }
    func all() async throws -> [ContentApp] { apps.values.sorted { $0.id < $1.id } }

    func feedSubscriptions() async throws -> [FeedSubscription] {
        apps.values.sorted { $0.id < $1.id }.compactMap { app in
            guard let feed = app.feedURL else { return nil }
            return polls[app.id].map {
                FeedSubscription(
                    app: app, feedURL: feed, etag: $0.etag, lastModified: $0.lastModified, registeredAt: registeredAt, polledAt: $0.polledAt)
            }
                ?? FeedSubscription(app: app, feedURL: feed, etag: nil, lastModified: nil, registeredAt: registeredAt, polledAt: nil)
        }
    }

    func recordFeedPoll(appID: String, etag: String?, lastModified: String?) async throws {
        guard let app = apps[appID], let feed = app.feedURL else { return }
        polls[appID] = FeedSubscription(app: app, feedURL: feed, etag: etag, lastModified: lastModified, registeredAt: registeredAt, polledAt: Date())
    }
}
