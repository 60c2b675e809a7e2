import Foundation
import Logging

/// Matches a resolved publish event against every enabled auto rule and creates one job per
/// matching connection. A rule fires for content its owner published (the event's `author`);
/// events without an author (polled feeds) fire only rules that name their source app.
struct AutoSharePlanner<Rules: RuleRepository, Connections: ConnectionRepository, Jobs: AutoShareRepository>: Sendable {
    let rules: Rules
    let connections: Connections
    let jobs: Jobs
    let signal: WakeSignal
    let logger: Logger

    /// Returns how many jobs were created. A few statements whatever the number of rules: the
    /// rules that may fire, each owner's connections, and one insert of every job.
    /// `beforeCreating` runs once before the jobs are created, and not at all when there are none.
    @discardableResult
    func plan(event: PublishEvent, record: ContentRecord, beforeCreating: @Sendable () async throws -> Void = {}) async throws -> Int {
        let candidates = try await rules.autoRules(author: event.authorUserID, appID: event.appID)
            .filter { $0.rule.matches(contentType: event.contentType, sourceApp: event.appID, tags: record.tags) }
        guard !candidates.isEmpty else { return 0 }
        // A rule fires only while its account is still one of its owner's connections.
        var owned: [String: Set<Int64>] = [:]
        for userID in Set(candidates.map(\.userID)) {
            owned[userID] = Set(try await connections.connections(userID: userID).map(\.id))
        }
        let now = Date()
        let planned = candidates.filter { owned[$0.userID]?.contains($0.rule.connectionID) == true }.map { userID, rule in
            let message = MessageTemplate.render(
                rule.messageTemplate, title: record.title, url: record.canonicalURL, description: record.description, tags: record.tags)
            return NewAutoShareJob(
                eventID: event.id, ruleID: rule.id, connectionID: rule.connectionID, userID: userID, message: message.isEmpty ? nil : message,
                runAfter: now.addingTimeInterval(TimeInterval(rule.delaySeconds)))
        }
        guard !planned.isEmpty else { return 0 }
        try await beforeCreating()
        let created = try await jobs.enqueue(planned)
        if created > 0 { signal.wake() }
        return created
    }
}
