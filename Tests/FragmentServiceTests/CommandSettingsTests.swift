import Foundation
import Testing

/// Each command checks only the settings it uses: a one-shot migration job has no session secret.
@Suite struct CommandSettingsTests {
    /// Exit status of a configuration problem (EX_CONFIG).
    static let configurationProblem: Int32 = 78

    @Test func migrateRunsWithOnlyTheDatabaseURL() async throws {
        try await TestDatabase.withEmptyDatabaseURL { url in
            let result = try ResolveCommandTests.run(["migrate", "--env-file", "/dev/null"], environment: ["DATABASE_URL": url])
            #expect(result.status == 0, "\(result.output)")
            #expect(result.output.contains("applied: 0001_foundation"))
            let again = try ResolveCommandTests.run(["migrate", "--env-file", "/dev/null"], environment: ["DATABASE_URL": url])
            #expect(again.output.contains("database is up to date"))
        }
    }

    @Test func migrateWithoutADatabaseNamesOnlyTheDatabase() throws {
        let result = try ResolveCommandTests.run(["migrate", "--env-file", "/dev/null"])
        #expect(result.status == Self.configurationProblem)
        #expect(result.output.contains("DATABASE_URL"))
        #expect(!result.output.contains("SOCIAL_SESSION_SECRET"))
        #expect(!result.output.contains("SOCIAL_ENCRYPTION_KEY"))
    }

    @Test func rotateKeyAsksForTheDatabaseAndTheKeyButNoSessionSecret() throws {
        let result = try ResolveCommandTests.run(["rotate-key", "--env-file", "/dev/null"])
        #expect(result.status == Self.configurationProblem)
        #expect(result.output.contains("DATABASE_URL"))
        #expect(result.output.contains("SOCIAL_ENCRYPTION_KEY"))
        #expect(!result.output.contains("SOCIAL_SESSION_SECRET"))
        #expect(!result.output.contains("SOCIAL_IDENTITY_SECRET"))
    }

    @Test func resolveAURLNeedsNoSecrets() throws {
        // Nothing listens on port 1: the fetch fails, but not for want of configuration.
        let result = try ResolveCommandTests.run(
            ["resolve", "http://127.0.0.1:1/", "--env-file", "/dev/null"], environment: ["SOCIAL_ALLOW_PRIVATE_HOSTS": "1"])
        #expect(result.status != 0)
        #expect(result.status != Self.configurationProblem, "\(result.output)")
        #expect(!result.output.contains("SOCIAL_"))
    }

    @Test func serveStillListsEveryMissingSetting() throws {
        let result = try ResolveCommandTests.run(["serve", "--env-file", "/dev/null"])
        #expect(result.status == Self.configurationProblem)
        for name in ["DATABASE_URL", "SOCIAL_ENCRYPTION_KEY", "SOCIAL_SESSION_SECRET", "SOCIAL_IDENTITY_SECRET"] {
            #expect(result.output.contains(name), "\(name) not named")
        }
    }
}
