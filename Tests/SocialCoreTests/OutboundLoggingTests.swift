import Foundation
import Logging
import NIOHTTP1
import Testing

@testable import SocialCore

@Suite("Outbound logging", .timeLimit(.minutes(1)))
struct OutboundLoggingTests {
    final class Lines: @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [String] = []
        func append(_ line: String) { lock.withLock { lines.append(line) } }
        var all: [String] { lock.withLock { lines } }
    }

    struct CapturingHandler: LogHandler {
        let lines: Lines
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) {
            let merged = self.metadata.merging(event.metadata ?? [:]) { $1 }
            lines.append(
                "\(event.level) \(event.message) \(merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))")
        }
    }

    @Test("debug lines name method, host, path, status and duration, never query, headers or body")
    func logsWithoutSecrets() async throws {
        let lines = Lines()
        let logger = Logger(label: "outbound-log-test") { _ in CapturingHandler(lines: lines) }
        try await OutboundTestServer.with { server in
            let http = OutboundHTTP(
                settings: OutboundSettings(
                    userAgent: "RoseAshSocial/1.0 (+http://social.test)",
                    addressPolicy: AddressPolicy(alsoAllowing: [IPAddress(v4: 127, 0, 0, 1)])),
                resolver: FakeHostResolver(["public.test": ["127.0.0.1"]]), logger: logger)
            var headers = HTTPHeaders()
            headers.add(name: "Authorization", value: "Bearer HEADERSECRET")
            _ = try? await http.send(
                OutboundRequest(
                    url: URL(string: "http://public.test:\(server.port)/redirect?token=QUERYSECRET&to=/ok")!,
                    headers: headers, body: nil, destination: .untrusted()))
            _ = try? await http.send(
                OutboundRequest(
                    url: URL(string: "http://127.0.0.1:\(server.port)/graph.example/v1/me/feed?access_token=QUERYSECRET")!,
                    method: .POST, headers: headers, body: Data("BODYSECRET".utf8)))
            try await http.shutdown()
        }
        let text = lines.all.joined(separator: "\n")
        #expect(text.contains("method=GET"))
        #expect(text.contains("host=public.test"))
        #expect(text.contains("path=/redirect"))
        #expect(text.contains("path=/ok"))
        #expect(text.contains("status=302"))
        #expect(text.contains("status=201"))
        #expect(text.contains("duration_ms="))
        for secret in ["QUERYSECRET", "HEADERSECRET", "BODYSECRET", "token", "?"] {
            #expect(!text.contains(secret), "\(text)")
        }
    }
}
