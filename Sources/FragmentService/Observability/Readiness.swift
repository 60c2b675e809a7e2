import Logging
import PostgresNIO

/// Whether this instance can serve real work: `/readyz` asks it. The database must answer
/// within `deadline` and every migration this build knows must be applied.
struct Readiness: Sendable {
    /// Ready, or why not in a few words (no error text from below: it could name hosts or users).
    enum State: Sendable, Equatable {
        case ready
        case unavailable(String)
    }

    let check: @Sendable (Logger) async -> State

    /// Always ready: router tests with memory repositories have no database to wait for.
    static let alwaysReady = Readiness { _ in .ready }

    /// Ready when the database answers `runner.pending()` within `deadline` with nothing pending.
    /// A database that does not answer (the pool keeps trying to connect for a minute) is
    /// reported when the deadline passes.
    static func database(_ runner: MigrationRunner, deadline: Duration = .seconds(2)) -> Readiness {
        Readiness { logger in
            do {
                guard let pending = try await withDeadline(deadline, { try await runner.pending() }) else {
                    return .unavailable("the database did not answer in time")
                }
                guard pending.isEmpty else { return .unavailable("\(pending.count) migration(s) not applied; run `social-service migrate`") }
                return .ready
            } catch {
                logger.notice("readiness: the database did not answer", metadata: ["error": "\(String(reflecting: error))"])
                return .unavailable("the database did not answer")
            }
        }
    }
}
