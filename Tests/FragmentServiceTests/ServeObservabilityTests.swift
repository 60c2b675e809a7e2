import Foundation
import NIOConcurrencyHelpers
import Logging
import SocialCore
import Testing

@testable import FragmentService

/// The built `social-service serve`, as an operator runs it: JSON log lines, `/readyz` against a
/// migrated database, and `/metrics` on its own port only.
@Suite(.enabled(if: TestDatabase.isAvailable)) struct ServeObservabilityTests {
    @Test func serveWritesJSONLinesIsReadyAndServesMetricsOnItsOwnPort() async throws {
        try await TestDatabase.withEmptyDatabaseURL { url in
            let migrated = try ResolveCommandTests.run(
                ["migrate", "--env-file", "/dev/null"], environment: ["DATABASE_URL": url, "LOG_FORMAT": "json"])
            #expect(migrated.status == 0, "\(migrated.output)")
            let lines = migrated.output.split(separator: "\n").filter { $0.hasPrefix("{") }
            #expect(!lines.isEmpty, "\(migrated.output)")
            for line in lines {
                let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line)")
                #expect(Set(object.keys).isSubset(of: ["timestamp", "level", "label", "message", "metadata"]))
                #expect(object["label"] as? String == "social-service")
                #expect((object["timestamp"] as? String)?.hasSuffix("Z") == true)
            }
            #expect(lines.contains { $0.contains(#""message":"applying migration""#) && $0.contains(#""migration":"0001_foundation""#) })

            let (port, metricsPort) = (try FreePort.find(), try FreePort.find())
            let process = Process()
            process.executableURL = ResolveCommandTests.binary
            process.arguments = ["serve", "--env-file", "/dev/null"]
            process.environment = [
                "PATH": "/usr/bin:/bin", "DATABASE_URL": url, "SOCIAL_PORT": "\(port)", "METRICS_PORT": "\(metricsPort)", "LOG_FORMAT": "json",
                "SOCIAL_ENCRYPTION_KEY": FernetKey.generate(), "SOCIAL_SESSION_SECRET": String(repeating: "s", count: 40),
                "SOCIAL_IDENTITY_SECRET": String(repeating: "i", count: 40),
            ]
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            defer { if process.isRunning { process.terminate() } }

            let ready = try await FreePort.get("http://127.0.0.1:\(port)/readyz")
            #expect(ready.status == 200)
            #expect(ready.body == #"{"status":"ready"}"#)
            #expect(try await FreePort.get("http://127.0.0.1:\(port)/metrics").status == 404)
            let scraped = try await FreePort.get("http://127.0.0.1:\(metricsPort)/metrics")
            #expect(scraped.status == 200)
            let text = try PrometheusText(scraped.body)
            #expect(text.value("social_http_requests_total", ["route": "/readyz", "method": "GET", "status": "200"]) == 1)
            #expect(text.value("social_queue_waiting", ["queue": "publish_events"]) == 0)

            process.terminate()
            let output = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            let logLines = output.split(separator: "\n")
            #expect(!logLines.isEmpty)
            for line in logLines {
                let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                #expect(object?["message"] is String, "not a JSON log line: \(line)")
            }
            #expect(!output.contains(String(repeating: "s", count: 40)) && !output.contains(String(repeating: "i", count: 40)))
        }
    }
}

/// The JSON log handler on its own: every line one JSON object that any reader parses back.
@Suite struct JSONLogHandlerTests {
    final class Lines: Sendable {
        let box = NIOLockedValueBox<[String]>([])
        func append(_ line: String) { box.withLockedValue { $0.append(line) } }
        var all: [String] { box.withLockedValue { $0 } }
    }

    @Test func eachMessageIsOneParsableLineWithItsMetadata() throws {
        let lines = Lines()
        var logger = Logger(label: "social-service") { JSONLogHandler(label: $0, sink: lines.append) }
        logger.logLevel = .debug
        logger[metadataKey: "instance"] = "a"
        logger.info("plain")
        logger.warning(
            "quotes \" backslash \\ newline \n tab \t control \u{1} emoji 🏺 and </script>",
            metadata: ["nested": ["list": ["1", "2"], "key": "value"], "instance": "b"])
        logger.trace("below the level")
        #expect(lines.all.count == 2)
        for line in lines.all {
            #expect(line.hasSuffix("\n"))
            #expect(line.dropLast().contains("\n") == false)
        }
        let first = try #require(try JSONSerialization.jsonObject(with: Data(lines.all[0].utf8)) as? [String: Any])
        #expect(first["message"] as? String == "plain")
        #expect(first["level"] as? String == "info")
        #expect(first["label"] as? String == "social-service")
        #expect((first["metadata"] as? [String: String]) == ["instance": "a"])
        let timestamp = try #require(first["timestamp"] as? String)
        #expect(try Date(timestamp, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)).timeIntervalSinceNow < 60)
        let second = try #require(try JSONSerialization.jsonObject(with: Data(lines.all[1].utf8)) as? [String: Any])
        #expect(second["message"] as? String == "quotes \" backslash \\ newline \n tab \t control \u{1} emoji 🏺 and </script>")
        let metadata = try #require(second["metadata"] as? [String: Any])
        #expect(metadata["instance"] as? String == "b")
        let nested = try #require(metadata["nested"] as? [String: Any])
        #expect(nested["list"] as? [String] == ["1", "2"])
        #expect(nested["key"] as? String == "value")
    }

    @Test func withoutMetadataThereIsNoMetadataKey() throws {
        let lines = Lines()
        let logger = Logger(label: "x") { JSONLogHandler(label: $0, sink: lines.append) }
        logger.error("only a message")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(lines.all.joined().utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["timestamp", "level", "label", "message"])
    }
}
