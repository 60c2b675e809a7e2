import Foundation
import Ingest
import Platforms
import SocialCore

@testable import FragmentService

/// Holds calls by key (a platform, a page URL) until the test releases them, and counts how many
/// are in flight — now, at most, and finished — so tests assert on structure, never on time.
actor Gate {
    struct Counts: Sendable {
        var inFlight: [String: Int] = [:]
        var finished: [String: Int] = [:]
        var total = 0
        var maxInFlight: [String: Int] = [:]
        var maxTotal = 0

        func inFlight(_ key: String) -> Int { inFlight[key, default: 0] }
        func finished(_ key: String) -> Int { finished[key, default: 0] }
    }

    private var held: Set<String>
    private var parked: [String: [CheckedContinuation<Void, Never>]] = [:]
    private var watchers: [(condition: @Sendable (Counts) -> Bool, continuation: CheckedContinuation<Void, Never>)] = []
    private(set) var counts = Counts()

    init(holding held: Set<String>) {
        self.held = held
    }

    /// Goes through the gate under `key`, waiting there while `key` is held.
    func pass(_ key: String) async {
        counts.inFlight[key, default: 0] += 1
        counts.total += 1
        counts.maxInFlight[key] = max(counts.maxInFlight[key, default: 0], counts.inFlight[key, default: 0])
        counts.maxTotal = max(counts.maxTotal, counts.total)
        changed()
        if held.contains(key) { await withCheckedContinuation { parked[key, default: []].append($0) } }
        counts.inFlight[key, default: 1] -= 1
        counts.total -= 1
        counts.finished[key, default: 0] += 1
        changed()
    }

    /// Lets every call under `key`, waiting or still to come, through.
    func release(_ key: String) {
        held.remove(key)
        for continuation in parked.removeValue(forKey: key) ?? [] { continuation.resume() }
    }

    func releaseAll() {
        for key in held { release(key) }
    }

    /// Returns once `condition` holds for the counts.
    func until(_ condition: @escaping @Sendable (Counts) -> Bool) async {
        if condition(counts) { return }
        await withCheckedContinuation { watchers.append((condition, $0)) }
    }

    private func changed() {
        let now = counts
        var waiting: [(condition: @Sendable (Counts) -> Bool, continuation: CheckedContinuation<Void, Never>)] = []
        for watcher in watchers {
            if watcher.condition(now) { watcher.continuation.resume() } else { waiting.append(watcher) }
        }
        watchers = waiting
    }
}

/// A platform whose posts pass through a `Gate` under the platform's name, then publish.
struct GatedPlatform: SocialPlatform {
    let name: PlatformName
    let gate: Gate
    var usesPKCE: Bool { false }
    var requestedScopes: [String] { [] }
    func checkAppCredentials() async -> AppCredentialCheck { .notNeeded("a test platform") }
    func authorizeURL(for request: ConnectRequest) async throws(PlatformError) -> URL { URL(fileURLWithPath: "/authorize") }
    func exchangeCode(_ code: String, for request: ConnectRequest) async throws(PlatformError) -> [OAuthResult] { [] }
    func refresh(_ credentials: StoredCredentials) async throws(PlatformError) -> OAuthResult {
        OAuthResult(platformUserID: credentials.platformUserID, accessToken: credentials.accessToken)
    }
    func share(_ content: ShareContent, using credentials: StoredCredentials) async -> ShareResult {
        await gate.pass(name.rawValue)
        return .published(id: content.idempotencyKey, url: nil)
    }
    func verify(_ credentials: StoredCredentials) async throws(PlatformError) -> Bool { true }
    func revoke(_ credentials: StoredCredentials) async throws(PlatformError) {}
    func textRules(for credentials: StoredCredentials?) async -> TextRules { .mastodon() }
    func postText(for content: ShareContent) -> String { content.url }
}

/// Page fetches that pass through a `Gate` under the page's URL, then fail (the event's own
/// title makes the record).
struct GatedPages: PageMetadataSource {
    struct Unreadable: Error {}
    let gate: Gate
    func metadata(for url: URL) async throws -> ContentMetadata {
        await gate.pass(url.absoluteString)
        throw Unreadable()
    }
}

/// Memory repositories, a gated platform for every platform, and auto-share jobs for one event.
struct AutoShareBench {
    let connections: MemoryConnectionRepository
    let shares = ObservedShares()
    let events = MemoryPublishEventRepository()
    let items = MemoryContentItemRepository()
    let jobs: MemoryAutoShareRepository
    let gate: Gate

    init(holding held: Set<PlatformName>) {
        let connections = MemoryConnectionRepository()
        self.connections = connections
        jobs = MemoryAutoShareRepository(connections: { await connections.server(of: $0) })
        gate = Gate(holding: Set(held.map(\.rawValue)))
    }

    /// Connects one account per entry (in order; the nth on Mastodon server `instance(n)`) and
    /// queues a job for each, all for one event.
    @discardableResult
    func queue(_ accounts: [PlatformName], instance: (Int) -> String = { _ in "https://mastodon.social" }) async throws -> [Int64] {
        let event = try await events.record(
            NewPublishEvent(appID: "blog", eventID: RandomToken.make(), contentType: "blog_post", url: "https://blog.rose-ash.example/a", title: "A")
        ).event
        var ids: [Int64] = []
        for (index, platform) in accounts.enumerated() {
            var result = ConnectionRepositoryTests.result(RandomToken.make())
            result.extraData = ["instance_url": instance(index)]
            guard case .created(let connection) = try await connections.connect(userID: "u1", platform: platform, result: result)
            else { throw HarnessFailure("connect did not create") }
            _ = try await jobs.enqueue(
                eventID: event.id, ruleID: 1, connectionID: connection.id, userID: "u1", message: nil, runAfter: Date().addingTimeInterval(-1))
            ids.append(connection.id)
        }
        return ids
    }

    func worker(
        concurrency: Int, perPlatform: Int
    )
        -> AutoShareWorker<
            MemoryConnectionRepository, ObservedShares, MemoryAutoShareRepository, MemoryPublishEventRepository, MemoryContentItemRepository
        >
    {
        let registry = PlatformRegistry(
            Dictionary(
                uniqueKeysWithValues: PlatformName.allCases.map { name in
                    (name, PlatformRegistry.Entry.available { [gate] in GatedPlatform(name: name, gate: gate) })
                }))
        let service = ShareService(connections: connections, shares: shares, registry: registry, logger: TestEnvironment.logger)
        return AutoShareWorker(
            shares: shares, jobs: jobs, events: events, items: items, service: service, signal: WakeSignal(),
            logger: TestEnvironment.logger, concurrency: concurrency, perPlatform: perPlatform)
    }

    /// The jobs, oldest first.
    func all() async throws -> [AutoShareJob] {
        try await jobs.jobs(userID: "u1", limit: 1000).reversed()
    }
}
