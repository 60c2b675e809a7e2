import Foundation
import Logging
import Platforms
import ServiceLifecycle

/// Keeps alive the tokens a platform renews by exchanging the access token itself (Threads'
/// 60-day tokens, `TokenRenewal.accessToken`), so an account nobody shares from for two months is
/// not lost: once an hour it renews every such token inside its renewal window. Each renewal goes
/// through `ConnectionRepository.refreshLocked`, which locks the row and checks again, so any
/// number of instances can sweep at once and a token is renewed once.
struct TokenRenewalWorker<Connections: ConnectionRepository>: Service {
    let connections: Connections
    let registry: PlatformRegistry
    let logger: Logger
    var interval: Duration = .seconds(3600)
    /// At most this many renewals per platform per sweep (the rest wait for the next sweep).
    var batch = 200
    var now: @Sendable () -> Date = { Date() }

    func run() async throws {
        try await repeatUntilShutdown(every: interval) { await sweep() }
    }

    /// One pass over every available platform that renews by access token. Returns how many
    /// tokens were renewed.
    @discardableResult
    func sweep() async -> Int {
        var renewed = 0
        for name in registry.available {
            guard case .accessToken(let minimumAge, let window) = name.tokenRenewal, let platform = registry.platform(name) else { continue }
            let current = now()
            let due: [ConnectionKey]
            do {
                due = try await connections.dueForRenewal(
                    platform: name, now: current, expiringBefore: current.addingTimeInterval(window),
                    unchangedSince: current.addingTimeInterval(-minimumAge), limit: batch)
            } catch {
                logger.error(
                    "could not list tokens due for renewal", metadata: ["platform": "\(name.rawValue)", "error": "\(String(reflecting: error))"])
                continue
            }
            for key in due {
                do {
                    _ = try await connections.refreshLocked(id: key.id, userID: key.userID, margin: window, staleAccessToken: nil) {
                        credentials throws(PlatformError) in try await platform.refresh(credentials)
                    }
                    renewed += 1
                } catch let error as PlatformError {
                    // A dead grant is already marked "needs reconnect" by refreshLocked; the
                    // message carries no token (PlatformError never does).
                    logger.warning(
                        "token renewal failed",
                        metadata: ["platform": "\(name.rawValue)", "connection": "\(key.id)", "error": "\(error.description)"])
                } catch {
                    logger.error(
                        "token renewal failed",
                        metadata: ["platform": "\(name.rawValue)", "connection": "\(key.id)", "error": "\(String(reflecting: error))"])
                }
            }
        }
        return renewed
    }
}
