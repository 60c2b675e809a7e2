import Testing

@testable import SocialCore

@Suite struct ConfigurationTests {
    static let valid: [String: String] = [
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/social",
        "SOCIAL_ENCRYPTION_KEY": FernetKey.generate(),
        "SOCIAL_SESSION_SECRET": String(repeating: "s", count: 40),
        "SOCIAL_IDENTITY_SECRET": String(repeating: "i", count: 40),
    ]

    @Test func validEnvironmentGivesDefaults() throws {
        let config = try AppConfiguration(environment: Self.valid)
        #expect(config.host == "127.0.0.1")
        #expect(config.port == 8080)
        #expect(config.publicBaseURL.absoluteString == "http://127.0.0.1:8080")
        #expect(config.graphAPIVersion == "v26.0")
        #expect(config.linkedInVersion == "202603")
        #expect(config.credentials.isEmpty)
        #expect(!config.devLogin)
    }

    @Test func everyProblemIsReportedAtOnceWithItsVariable() {
        do {
            _ = try AppConfiguration(environment: ["SOCIAL_PORT": "eighty", "PUBLIC_BASE_URL": "ftp://x"])
            Issue.record("configuration accepted")
        } catch {
            let text = error.description
            for name in [
                "DATABASE_URL", "SOCIAL_ENCRYPTION_KEY", "SOCIAL_SESSION_SECRET", "SOCIAL_IDENTITY_SECRET", "SOCIAL_PORT", "PUBLIC_BASE_URL",
            ] {
                #expect(text.contains(name), "missing \(name)")
            }
        }
    }

    @Test func malformedEncryptionKeyStopsStartWithHowToGenerateOne() {
        var env = Self.valid
        env["SOCIAL_ENCRYPTION_KEY"] = "not-a-key"
        #expect { try AppConfiguration(environment: env) } throws: { error in
            "\(error)".contains("SOCIAL_ENCRYPTION_KEY") && "\(error)".contains("generate-key")
        }
    }

    @Test func devLoginIsRefusedBehindHTTPS() throws {
        var env = Self.valid
        env["PUBLIC_BASE_URL"] = "https://social.rose-ash.com"
        env["SOCIAL_DEV_LOGIN"] = "1"
        #expect { try AppConfiguration(environment: env) } throws: { "\($0)".contains("SOCIAL_DEV_LOGIN") }
        env["SOCIAL_DEV_LOGIN"] = "0"
        #expect(try AppConfiguration(environment: env).isHTTPS)
    }

    @Test func halfConfiguredPlatformIsAnError() {
        var env = Self.valid
        env["SOCIAL_TWITTER_CLIENT_ID"] = "abc"
        #expect { try AppConfiguration(environment: env) } throws: { "\($0)".contains("SOCIAL_TWITTER_CLIENT_SECRET") }
        env["SOCIAL_TWITTER_CLIENT_SECRET"] = "def"
        env["SOCIAL_THREADS_APP_ID"] = "t"
        env["SOCIAL_THREADS_APP_SECRET"] = "u"
        let config = try? AppConfiguration(environment: env)
        #expect(config?.credentials["twitter"] == PlatformCredentials(clientID: "abc", clientSecret: "def"))
        #expect(config?.credentials["threads"]?.clientID == "t")
    }

    @Test func databaseIsOptionalOnlyWhenNotRequired() throws {
        var env = Self.valid
        env["DATABASE_URL"] = nil
        #expect(throws: ConfigurationError.self) { try AppConfiguration(environment: env) }
        _ = try AppConfiguration(environment: env, requireDatabase: false)
    }

    @Test func eachGroupOfSettingsIsCheckedOnlyWhenNeeded() throws {
        let databaseOnly = ["DATABASE_URL": "postgres://postgres@127.0.0.1:5432/social"]
        let migrate = try AppConfiguration(environment: databaseOnly, needs: .database)
        #expect(migrate.databaseURL == "postgres://postgres@127.0.0.1:5432/social")
        // Invalid values outside what a command needs do not stop it either.
        var noisy = databaseOnly
        noisy["PUBLIC_BASE_URL"] = "ftp://x"
        noisy["SOCIAL_SESSION_SECRET"] = "short"
        noisy["SOCIAL_TWITTER_CLIENT_ID"] = "only-half"
        _ = try AppConfiguration(environment: noisy, needs: .database)
        #expect { try AppConfiguration(environment: [:], needs: .database) } throws: { error in
            let text = "\(error)"
            return text.contains("DATABASE_URL") && !text.contains("SOCIAL_ENCRYPTION_KEY")
        }
        #expect { try AppConfiguration(environment: databaseOnly, needs: [.database, .encryptionKey]) } throws: { error in
            let text = "\(error)"
            return text.contains("SOCIAL_ENCRYPTION_KEY") && !text.contains("SOCIAL_SESSION_SECRET")
        }
        // `resolve` needs the outbound settings and nothing secret.
        let resolve = try AppConfiguration(environment: ["SOCIAL_ALLOW_PRIVATE_HOSTS": "1"], needs: .serviceSettings)
        #expect(resolve.allowPrivateHosts)
        #expect(throws: ConfigurationError.self) { try AppConfiguration(environment: noisy, needs: .serviceSettings) }
        #expect(throws: ConfigurationError.self) { try AppConfiguration(environment: noisy, needs: .platformApps) }
    }

    @Test func leasesDefaultToMinutesAndRefuseNonsense() throws {
        let defaults = try AppConfiguration(environment: Self.valid)
        #expect(defaults.shareLeaseSeconds == 600)
        #expect(defaults.workerLeaseSeconds == 300)
        var env = Self.valid
        env["SOCIAL_SHARE_LEASE_SECONDS"] = "4"
        env["SOCIAL_WORKER_LEASE_SECONDS"] = "3"
        let short = try AppConfiguration(environment: env)
        #expect(short.shareLeaseSeconds == 4 && short.workerLeaseSeconds == 3)
        for bad in ["0", "-5", "1", "99999999999999999999", "ten"] {
            env["SOCIAL_SHARE_LEASE_SECONDS"] = bad
            #expect { try AppConfiguration(environment: env) } throws: { "\($0)".contains("SOCIAL_SHARE_LEASE_SECONDS") }
        }
    }

    @Test func workerConcurrencyDefaultsAndRefusesNonsense() throws {
        let defaults = try AppConfiguration(environment: Self.valid)
        #expect(defaults.autoShareConcurrency == 64 && defaults.autoSharePerPlatform == 16 && defaults.resolveConcurrency == 8)
        var env = Self.valid
        env["SOCIAL_AUTOSHARE_CONCURRENCY"] = "32"
        env["SOCIAL_AUTOSHARE_PER_PLATFORM"] = "1"
        env["SOCIAL_RESOLVE_CONCURRENCY"] = "256"
        let tuned = try AppConfiguration(environment: env)
        #expect(tuned.autoShareConcurrency == 32 && tuned.autoSharePerPlatform == 1 && tuned.resolveConcurrency == 256)
        for name in ["SOCIAL_AUTOSHARE_CONCURRENCY", "SOCIAL_AUTOSHARE_PER_PLATFORM", "SOCIAL_RESOLVE_CONCURRENCY"] {
            for bad in ["0", "-1", "257", "99999999999999999999", "2.5", "many"] {
                var broken = Self.valid
                broken[name] = bad
                #expect { try AppConfiguration(environment: broken) } throws: { "\($0)".contains(name) && "\($0)".contains("1 to 256") }
            }
        }
    }

    @Test func dotEnvParsesCommentsQuotesAndExport() {
        let values = DotEnv.parse(
            """
            # comment
            export A=1
            B = "two words"
            C='x=y'
            BROKEN
            """)
        #expect(values == ["A": "1", "B": "two words", "C": "x=y"])
    }
}
