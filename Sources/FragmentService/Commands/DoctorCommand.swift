import ArgumentParser
import Foundation
import Platforms
import PostgresNIO
import SocialCore

/// `social-service doctor`: what an operator must register and fix, read from the configuration,
/// the platforms and the database (the operator page shows the same). Exits 1 when something is
/// critical (refused credentials, a retired API version, a database that does not answer).
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor", abstract: "Check the platforms, API versions, connections and queues of this deployment.")

    @OptionGroup var options: EnvironmentOptions
    @Flag(help: "Print the report as JSON.") var json = false

    func run() async throws {
        let configuration = try options.configuration(needs: [.database, .platformApps, .serviceSettings])
        let logger = options.logger()
        let outbound = OutboundHTTP(settings: OutboundSettings(configuration: configuration), logger: logger)
        let registry = PlatformRegistry.standard(
            configuration: configuration, transport: OutboundPlatformTransport(http: outbound, requireHTTPSForUntrusted: configuration.isHTTPS),
            mastodonApps: MemoryMastodonAppStore())
        let report = try await options.withDatabase(configuration, logger: logger) { client in
            let events = PostgresPublishEventRepository(client: client, logger: logger)
            let jobs = PostgresAutoShareRepository(client: client, logger: logger)
            let source = OperatorReportSource(
                configuration: configuration, registry: registry,
                connections: PostgresConnectionRepository(client: client, fernet: configuration.fernet, logger: logger),
                queues: { _ in try await OperatorReport.queues(events: events, jobs: jobs) }, logger: logger)
            return await source.report()
        }
        try? await outbound.shutdown()
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            encoder.dateEncodingStrategy = .iso8601
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            print(report.text, terminator: "")
        }
        if report.level == .critical { throw ExitCode(1) }
    }
}
