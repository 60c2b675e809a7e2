import ArgumentParser

/// `social-service`: the HTTP service and its operator commands.
public struct SocialServiceCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "social-service",
        abstract: "Rose Ash social sharing service.",
        subcommands: [ServeCommand.self, MigrateCommand.self, RotateKeyCommand.self, GenerateKeyCommand.self],
        defaultSubcommand: ServeCommand.self
    )

    public init() {}
}
