import ArgumentParser
import Foundation
import Logging
import PostgresNIO
import SocialCore

/// Options shared by the commands that read the configuration.
struct EnvironmentOptions: ParsableArguments {
    @Option(name: .customLong("env-file"), help: "A KEY=VALUE file read under the process environment.")
    var envFile: String = ".env"

    /// The merged environment (process over file).
    func environment() -> [String: String] { DotEnv.environment(file: envFile) }

    /// Validated configuration (only the settings in `needs` are checked), or a clean exit with
    /// every problem listed.
    func configuration(needs: ConfigurationNeeds) throws -> AppConfiguration {
        do {
            return try AppConfiguration(environment: environment(), needs: needs)
        } catch {
            FileHandle.standardError.write(Data("social-service: \(error.description)\n".utf8))
            throw ExitCode(78)  // EX_CONFIG
        }
    }

    /// The logger every command uses (`LOG_LEVEL`, default info; `LOG_FORMAT=json` for one JSON
    /// object per line — `serve` refuses other values than text and json at start).
    func logger(label: String = "social-service") -> Logger {
        let environment = environment()
        let json = environment["LOG_FORMAT"]?.trimmingCharacters(in: .whitespaces).lowercased() == AppConfiguration.LogFormat.json.rawValue
        var logger = json ? Logger(label: label) { JSONLogHandler(label: $0) } : Logger(label: label)
        logger.logLevel = environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        return logger
    }

    /// A PostgreSQL client for `DATABASE_URL`, run for the duration of `body`.
    func withDatabase<T: Sendable>(
        _ configuration: AppConfiguration, logger: Logger, _ body: @Sendable (PostgresClient) async throws -> T
    ) async throws -> T {
        let client = PostgresClient(configuration: try .fromURL(configuration.databaseURL ?? ""), backgroundLogger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            return try await body(client)
        }
    }
}
