/// Registered content apps.
protocol ContentAppRepository: Sendable {
    /// The app with this id, its secret decrypted; nil when unknown.
    func find(id: String) async throws -> ContentApp?
    /// Registers or replaces an app.
    func save(_ app: ContentApp) async throws
    /// Every app, ordered by id.
    func all() async throws -> [ContentApp]
    /// Apps that registered a feed, with what the last poll left behind.
    func feedSubscriptions() async throws -> [FeedSubscription]
    /// Remembers a poll's validators (for conditional requests) and time.
    func recordFeedPoll(appID: String, etag: String?, lastModified: String?) async throws
}
