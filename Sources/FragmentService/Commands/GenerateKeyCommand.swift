import ArgumentParser
import SocialCore

/// `social-service generate-key`: prints a new Fernet key for `SOCIAL_ENCRYPTION_KEY`.
struct GenerateKeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate-key",
        abstract: "Print a new Fernet key for SOCIAL_ENCRYPTION_KEY.",
        discussion: "To rotate: put the new key first, keep the old ones after it (comma-separated), run rotate-key, then drop the old ones."
    )

    func run() { print(FernetKey.generate()) }
}
