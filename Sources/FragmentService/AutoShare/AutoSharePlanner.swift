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

    /// Returns how many jobs were created.
    @discardableResult
    func plan(event: PublishEvent, record: ContentRecord) async throws -> Int {
        var created = 0
        for (userID, rule) in try await rules.enabledAutoRules() {
            let owns = event.authorUserID == userID || (event.authorUserID == nil && rule.sourceApps.contains(event.appID))
            guard owns, rule.matches(contentType: event.contentType, sourceApp: event.appID, tags: record.tags),
                try await connections.connection(id: rule.connectionID, userID: userID) != nil
            else { continue }
            let message = MessageTemplate.render(
                rule.messageTemplate, title: record.title, url: record.canonicalURL, description: record.description, tags: record.tags)
            if try await jobs.enqueue(
                eventID: event.id, ruleID: rule.id, connectionID: rule.connectionID, userID: userID, message: message.isEmpty ? nil : message,
                runAfter: Date().addingTimeInterval(TimeInterval(rule.delaySeconds)))
            {
                created += 1
            }
        }
        if created > 0 { signal.wake() }
        return created
    }
}
