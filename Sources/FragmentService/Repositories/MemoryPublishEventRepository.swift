import Foundation

/// `PublishEventRepository` in memory, for router tests.
actor MemoryPublishEventRepository: PublishEventRepository {
    private var events: [PublishEvent] = []
    private var nextID: Int64 = 1
    /// Back-off after a failed attempt, as `publish_events.next_attempt_at` does in PostgreSQL.
    private var notBefore: [Int64: Date] = [:]
    /// How long a claim keeps an event from other workers (tests use 0 to play a dead worker).
    private let lease: TimeInterval

    init(lease: TimeInterval = 300) {
        self.lease = lease
    }

    func record(_ e: NewPublishEvent) async throws -> (event: PublishEvent, created: Bool) {
        if let existing = events.first(where: { $0.appID == e.appID && $0.eventID == e.eventID }) { return (existing, false) }
        let event = PublishEvent(
            id: nextID, appID: e.appID, eventID: e.eventID, source: e.source, contentType: e.contentType, url: e.url,
            title: e.title, description: e.description, imageURL: e.imageURL, imageAlt: e.imageAlt, tags: e.tags, authorUserID: e.authorUserID,
            publishedAt: e.publishedAt, state: .received, stateDetail: nil, attempts: 0, contentItemID: nil, receivedAt: Date(),
            resolvedAt: nil)
        nextID += 1
        events.append(event)
        return (event, true)
    }

    func recent(author: String?, limit: Int) async throws -> [PublishEvent] {
        Array(events.filter { author == nil || $0.authorUserID == author }.reversed().prefix(limit))
    }

    func claimPending(limit: Int, maxAttempts: Int) async throws -> [PublishEvent] {
        for index in events.indices
        where events[index].state == .received && events[index].attempts >= maxAttempts
            && notBefore[events[index].id, default: .distantPast] <= Date()
        {
            events[index].state = .failed
            events[index].stateDetail = PublishEvent.exhaustedPrefix(maxAttempts) + (events[index].stateDetail ?? PublishEvent.diedWhileResolving)
        }
        var claimed: [PublishEvent] = []
        for index in events.indices
        where events[index].state == .received && events[index].attempts < maxAttempts && claimed.count < limit
            && notBefore[events[index].id, default: .distantPast] <= Date()
        {
            events[index].attempts += 1
            notBefore[events[index].id] = Date().addingTimeInterval(lease)
            claimed.append(events[index])
        }
        return claimed
    }

    /// As `PostgresPublishEventRepository.queueStatistics`: received events and the oldest's age.
    func queueStatistics() async throws -> QueueStatistics {
        let waiting = events.filter { $0.state == .received }
        return QueueStatistics(
            waiting: waiting.count, oldestAge: waiting.map(\.receivedAt).min().map { max(0, Date().timeIntervalSince($0)) })
    }

    func event(id: Int64) async throws -> PublishEvent? { events.first { $0.id == id } }

    func events(ids: [Int64]) async throws -> [Int64: PublishEvent] {
        let wanted = Set(ids)
        return Dictionary(events.filter { wanted.contains($0.id) }.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    func attachItem(id: Int64, contentItemID: Int64) async throws {
        update(id) { $0.contentItemID = contentItemID }
    }

    func markResolved(id: Int64, contentItemID: Int64) async throws {
        update(id) {
            $0.state = .resolved
            $0.stateDetail = nil
            $0.contentItemID = contentItemID
            $0.resolvedAt = Date()
        }
    }

    func markFailed(id: Int64, detail: String, final: Bool) async throws {
        update(id) {
            if final { $0.state = .failed }
            $0.stateDetail = detail
            notBefore[$0.id] = Date().addingTimeInterval(60 * Double($0.attempts))
        }
    }

    /// Deletes the events naming `author` (account deletion).
    func remove(author: String) {
        events.removeAll { $0.authorUserID == author }
    }

    /// Tests: makes a backed-off event due now.
    func clearBackOff(id: Int64) {
        notBefore[id] = nil
    }

    private func update(_ id: Int64, _ change: (inout PublishEvent) -> Void) {
        if let index = events.firstIndex(where: { $0.id == id }) { change(&events[index]) }
    }
}
