import Testing

@testable import SocialCore

/// `METRICS_PORT`, `METRICS_TOKEN` and `LOG_FORMAT`: checked at start, and where `/metrics` is served.
@Suite struct ObservabilitySettingsTests {
    static let valid = ConfigurationTests.valid
    static let token = String(repeating: "t", count: 40)

    @Test func badValuesAreRefusedByNameWithoutEchoingTheToken() {
        let short = "short-secret-token"
        do {
            _ = try AppConfiguration(environment: Self.valid.merging(["METRICS_PORT": "8080", "METRICS_TOKEN": short, "LOG_FORMAT": "xml"]) { $1 })
            Issue.record("configuration accepted")
        } catch {
            #expect(error.description.contains("METRICS_PORT must be a port number from 1 to 65535 other than SOCIAL_PORT, not '8080'"))
            #expect(error.description.contains("METRICS_TOKEN must be at least 32 characters"))
            #expect(error.description.contains("LOG_FORMAT must be text or json, not 'xml'"))
            #expect(!error.description.contains(short))
        }
    }

    @Test func defaultsServeMetricsOnTheMainPortInDevelopmentOnly() throws {
        let development = try AppConfiguration(environment: Self.valid)
        #expect(development.logFormat == .text)
        #expect(development.metricsPort == nil && development.metricsToken == nil)
        #expect(development.servesMetricsOnMainPort)
        let https = Self.valid.merging(["PUBLIC_BASE_URL": "https://social.rose-ash.example"]) { $1 }
        #expect(!(try AppConfiguration(environment: https)).servesMetricsOnMainPort)
        #expect(try AppConfiguration(environment: https.merging(["METRICS_TOKEN": Self.token]) { $1 }).servesMetricsOnMainPort)
        let separate = try AppConfiguration(environment: https.merging(["METRICS_PORT": "9090", "LOG_FORMAT": "JSON"]) { $1 })
        #expect(separate.metricsPort == 9090 && !separate.servesMetricsOnMainPort)
        #expect(separate.logFormat == .json)
    }
}
