import ArgumentParser

/// `social-service`: the HTTP service and its operator commands.
public struct SocialServiceCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "social-service",
        abstract: "Rose Ash social sharing service.",
        subcommands: [
            ServeCommand.self, MigrateCommand.self, RotateKeyCommand.self, GenerateKeyCommand.self, ResolveCommand.self, AppCommand.self,
            DoctorCommand.self, BlueskyKeyCommand.self,
        ],
        defaultSubcommand: ServeCommand.self
    )

    public init() {}
}

extension SocialServiceCommand {
    /// Parses the process arguments and runs the chosen subcommand. Called from `main.swift`;
    /// spelled out because top-level code otherwise resolves `main()` to the synchronous overload,
    /// which refuses to run asynchronous subcommands on Linux.
    public static func runFromCommandLine() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
