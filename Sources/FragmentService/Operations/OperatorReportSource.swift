import Foundation
import Logging
import Platforms
import SocialCore

/// Gathers an `OperatorReport`: configuration and platforms from memory, each configured
/// platform's credential check (all at once), and the database parts. A database that does not
/// answer is itself reported, never a failure of the report.
struct OperatorReportSource<Connections: ConnectionRepository>: Sendable {
    let configuration: AppConfiguration
    let registry: PlatformRegistry
    let connections: Connections
    /// The queues' backlogs (publish events, auto-share jobs).
    let queues: @Sendable (Date) async throws -> [OperatorReport.Queue]
    let logger: Logger

    func report(now: Date = Date()) async -> OperatorReport {
        var health: [OperatorReport.Connections] = []
        var backlog: [OperatorReport.Queue] = []
        do {
            health = try await connections.health(now: now, horizon: OperatorReport.expiryHorizon)
            backlog = try await queues(now)
        } catch {
            logger.error("operator report: the database did not answer", metadata: ["error": "\(String(reflecting: error))"])
            backlog = [OperatorReport.Queue(name: "database", waiting: 0, oldestSeconds: nil, level: .critical)]
        }
        let checks = await credentialChecks()
        return await OperatorReport.make(
            configuration: configuration, registry: registry, connections: health, queues: backlog, now: now,
            credentials: { checks[$0.name] ?? ("not checked", .warning) })
    }

    /// Every configured platform's credential check, side by side.
    private func credentialChecks() async -> [PlatformName: (String, OperatorReport.Level)] {
        await withTaskGroup(of: (PlatformName, (String, OperatorReport.Level)).self) { group in
            for name in registry.available {
                guard let platform = registry.platform(name) else { continue }
                group.addTask { (name, Self.words(await platform.checkAppCredentials())) }
            }
            var result: [PlatformName: (String, OperatorReport.Level)] = [:]
            for await (name, words) in group { result[name] = words }
            return result
        }
    }

    static func words(_ check: AppCredentialCheck) -> (String, OperatorReport.Level) {
        switch check {
        case .accepted: ("accepted", .ok)
        case .notNeeded(let why): ("not needed: \(why)", .ok)
        case .refused(let why): ("refused: \(why)", .critical)
        case .unknown(let why): ("could not check: \(why)", .warning)
        }
    }
}

extension OperatorReport.Queue {
    /// A queue whose oldest item has waited longer than `warnAfter` seconds is a warning.
    init(name: String, waiting: Int, oldestSeconds: Int?, warnAfter: Int) {
        self.init(name: name, waiting: waiting, oldestSeconds: oldestSeconds, level: (oldestSeconds ?? 0) > warnAfter ? .warning : .ok)
    }
}

extension OperatorReport {
    /// The publish-event and auto-share queues, from the same reads as the `/metrics` gauges.
    /// A publish event unresolved for 10 minutes, or a job overdue by 10 minutes, is a warning:
    /// the workers keep up within seconds when they run.
    static func queues(events: some PublishEventRepository, jobs: some AutoShareRepository) async throws -> [Queue] {
        let received = try await events.queueStatistics()
        let shares = try await jobs.queueStatistics()
        func seconds(_ age: TimeInterval?) -> Int? { age.map { BoundedNumber.clamp($0.rounded(), to: 0...Int(Int32.max)) } }
        return [
            Queue(name: "publish events", waiting: received.waiting, oldestSeconds: seconds(received.oldestAge), warnAfter: 600),
            Queue(name: "auto-shares due", waiting: shares.waiting, oldestSeconds: seconds(shares.oldestDueAge), warnAfter: 600),
            Queue(name: "auto-shares waiting for a reconnect or retry", waiting: shares.parked, oldestSeconds: nil, warnAfter: 0),
        ]
    }
}
