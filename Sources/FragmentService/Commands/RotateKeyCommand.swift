import ArgumentParser
import SocialCore

/// `social-service rotate-key`: re-encrypts every stored secret with the first key.
struct RotateKeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotate-key",
        abstract: "Re-encrypt every stored token and client secret with the first key of SOCIAL_ENCRYPTION_KEY."
    )

    @OptionGroup var options: EnvironmentOptions
    @Option(help: "Rows per transaction.") var batchSize: Int = 100

    func run() async throws {
        let configuration = try options.configuration(needs: [.database, .encryptionKey])
        let logger = options.logger()
        let report = try await options.withDatabase(configuration, logger: logger) { client in
            try await SecretRotator(client: client, fernet: configuration.fernet, logger: logger, batchSize: batchSize).rotate()
        }
        print(
            "re-encrypted \(report.connections) connections, \(report.mastodonApps) Mastodon app secrets and \(report.contentApps) content app signing secrets"
        )
    }
}
