import ArgumentParser
import Foundation
import Hummingbird
import Logging
import Ingest
import Metrics
import Platforms
import PostgresNIO
import SocialCore

/// `social-service serve`: runs the HTTP service (the default command).
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Run the HTTP service.")

    @OptionGroup var options: EnvironmentOptions

    func run() async throws {
        let configuration = try options.configuration(needs: .all)
        let logger = options.logger()
        let client = PostgresClient(configuration: try .fromURL(configuration.databaseURL ?? ""), backgroundLogger: logger)
        let outbound = OutboundHTTP(settings: OutboundSettings(configuration: configuration), logger: logger)
        let contentOutbound = OutboundHTTP(settings: .content(configuration: configuration), logger: logger)
        // One fetcher for content pages and feeds (share images go through the same outbound policy).
        let fetcher = ContentFetcher(http: contentOutbound)
        let migrations = try Migration.load(from: Migration.defaultDirectory(environment: options.environment()))
        let runner = MigrationRunner(client: client, migrations: migrations, logger: logger)
        // The one registry of this process: the app shows it on /metrics, and libraries that
        // record through swift-metrics' global backend land in it too (bootstrapped once, here).
        let metrics = ServiceMetrics()
        MetricsSystem.bootstrap(metrics.factory)
        var dependencies = AppDependencies<PostgresRepositories>(
            users: PostgresUserRepository(client: client, logger: logger),
            ledger: PostgresHandoffLedger(client: client, logger: logger),
            apps: PostgresContentAppRepository(client: client, fernet: configuration.fernet, logger: logger),
            events: PostgresPublishEventRepository(client: client, logger: logger, lease: TimeInterval(configuration.workerLeaseSeconds)),
            items: PostgresContentItemRepository(client: client, logger: logger),
            connections: PostgresConnectionRepository(client: client, fernet: configuration.fernet, logger: logger, metrics: metrics),
            states: PostgresOAuthStateStore(client: client, fernet: configuration.fernet, logger: logger),
            shares: PostgresShareRepository(client: client, logger: logger, pendingLease: TimeInterval(configuration.shareLeaseSeconds)),
            rules: PostgresRuleRepository(client: client, logger: logger),
            jobs: PostgresAutoShareRepository(client: client, logger: logger, lease: TimeInterval(configuration.workerLeaseSeconds)),
            sessions: PostgresSessionRepository(client: client, logger: logger),
            accounts: PostgresAccountDataRepository(client: client, logger: logger),
            pages: fetcher,
            registry: PlatformRegistry.standard(
                configuration: configuration, transport: OutboundPlatformTransport(http: outbound, requireHTTPSForUntrusted: configuration.isHTTPS),
                mastodonApps: PostgresMastodonAppStore(client: client, fernet: configuration.fernet, logger: logger),
                images: OutboundShareImageLoader(http: contentOutbound), metrics: metrics.platformCalls),
            services: [client, OutboundHTTPService(http: outbound), OutboundHTTPService(http: contentOutbound)],
            startupChecks: [
                {
                    let pending = try await runner.pending()
                    guard pending.isEmpty else {
                        throw MigrationError(
                            description:
                                "the database is behind: \(pending.map(\.name).joined(separator: ", ")) not applied. Run `social-service migrate` (or `make run`) first."
                        )
                    }
                }
            ], metrics: metrics, readiness: .database(runner))
        dependencies.services += dependencies.workers(configuration: configuration, feeds: fetcher, logger: logger)
        let app = try await buildApplication(configuration: configuration, dependencies: dependencies, logger: logger)
        do {
            try await app.runService()
        } catch let error as MigrationError {
            FileHandle.standardError.write(Data("social-service: \(error.description)\n".utf8))
            throw ExitCode(75)
        }
    }
}
