/// `ContentAppRepository` in memory, for router tests.
actor MemoryContentAppRepository: ContentAppRepository {
    private var apps: [String: ContentApp] = [:]

    init(_ apps: [ContentApp] = []) {
        for app in apps { self.apps[app.id] = app }
    }

    func find(id: String) async throws -> ContentApp? { apps[id] }
    func save(_ app: ContentApp) async throws { apps[app.id] = app }
    func all() async throws -> [ContentApp] { apps.values.sorted { $0.id < $1.id } }
}
