import ArgumentParser
import Foundation
import SocialCore

/// `social-service migrate`: applies every pending migration.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "migrate", abstract: "Apply pending database migrations.")

    @OptionGroup var options: EnvironmentOptions
    @Option(help: "The folder of numbered SQL migrations.") var migrations: String?

    func run() async throws {
        let configuration = try options.configuration(needs: .database)
        let logger = options.logger()
        let directory = migrations.map { URL(fileURLWithPath: $0) } ?? Migration.defaultDirectory(environment: options.environment())
        let files = try Migration.load(from: directory)
        let applied = try await options.withDatabase(configuration, logger: logger) { client in
            try await MigrationRunner(client: client, migrations: files, logger: logger).migrate()
        }
        print(applied.isEmpty ? "database is up to date (\(files.count) migrations)" : "applied: \(applied.joined(separator: ", "))")
    }
}
