import Foundation

/// `MastodonAppStore` in memory, for tests and router tests; counts saves so app reuse can be
/// asserted.
package actor MemoryMastodonAppStore: MastodonAppStore {
    private var apps: [String: MastodonAppCredentials] = [:]
    package private(set) var saves = 0

    package init() {}

    package func app(for instanceURL: URL) async throws -> MastodonAppCredentials? { apps[instanceURL.absoluteString] }

    package func save(_ app: MastodonAppCredentials) async throws {
        saves += 1
        apps[app.instanceURL.absoluteString] = app
    }

    package func remove(instanceURL: URL) async throws { apps[instanceURL.absoluteString] = nil }
}
