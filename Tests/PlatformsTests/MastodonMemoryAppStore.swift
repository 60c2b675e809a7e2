import Foundation

@testable import Platforms

/// In-memory `MastodonAppStore` for tests; counts saves so app reuse can be asserted.
actor MemoryMastodonAppStore: MastodonAppStore {
    private var apps: [String: MastodonAppCredentials] = [:]
    private(set) var saves = 0

    func app(for instanceURL: URL) async throws -> MastodonAppCredentials? { apps[instanceURL.absoluteString] }

    func save(_ app: MastodonAppCredentials) async throws {
        saves += 1
        apps[app.instanceURL.absoluteString] = app
    }

    func remove(instanceURL: URL) async throws { apps[instanceURL.absoluteString] = nil }
}
