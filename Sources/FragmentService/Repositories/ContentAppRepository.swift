/// Registered content apps.
protocol ContentAppRepository: Sendable {
    /// The app with this id, its secret decrypted; nil when unknown.
    func find(id: String) async throws -> ContentApp?
    /// Registers or replaces an app.
    func save(_ app: ContentApp) async throws
    /// Every app, ordered by id.
    func all() async throws -> [ContentApp]
}
