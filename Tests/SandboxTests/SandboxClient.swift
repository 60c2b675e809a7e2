import AsyncHTTPClient
import Foundation
import Testing
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import NIOHTTP1
@testable import Sandbox

/// A real HTTP client against a sandbox started on port 0 for one test.
struct SandboxClient: Sendable {
    struct Reply: Sendable {
        var status: Int
        var headers: HTTPHeaders
        var body: String
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]) ?? [:] }
        var jsonArray: [[String: Any]] { (try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [[String: Any]]) ?? [] }
        func header(_ name: String) -> String? { headers.first(name: name) }
        /// Query items of the `Location` header.
        var locationQuery: [String: String] {
            guard let location = header("Location"), let components = URLComponents(string: location) else { return [:] }
            return (components.queryItems ?? []).reduce(into: [:]) { $0[$1.name] = $1.value ?? "" }
        }
    }

    let base: String
    let http: HTTPClient

    /// Base URL of an emulated host, e.g. `http://127.0.0.1:1234/api.x.com`.
    func url(_ hostAndPath: String) -> String { base + "/" + hostAndPath }

    func send(
        _ method: HTTPMethod, _ hostAndPath: String, headers: [(String, String)] = [], body: String? = nil,
        timeout: TimeAmount = .seconds(10)
    ) async throws -> Reply {
        var request = HTTPClientRequest(url: url(hostAndPath))
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(string: body)) }
        let response = try await http.execute(request, timeout: timeout)
        let bytes = try await response.body.collect(upTo: 4 * 1024 * 1024)
        return Reply(status: Int(response.status.code), headers: response.headers, body: String(buffer: bytes))
    }

    func get(_ path: String, headers: [(String, String)] = [], timeout: TimeAmount = .seconds(10)) async throws -> Reply {
        try await send(.GET, path, headers: headers, timeout: timeout)
    }

    func postForm(_ path: String, _ form: [(String, String)], headers: [(String, String)] = []) async throws -> Reply {
        try await send(.POST, path, headers: [("Content-Type", "application/x-www-form-urlencoded")] + headers, body: encode(form))
    }

    func postJSON(_ path: String, _ json: String, headers: [(String, String)] = [], timeout: TimeAmount = .seconds(10)) async throws -> Reply {
        try await send(.POST, path, headers: [("Content-Type", "application/json")] + headers, body: json, timeout: timeout)
    }

    func encode(_ form: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return form.map {
            "\($0.0.addingPercentEncoding(withAllowedCharacters: allowed)!)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed)!)"
        }
        .joined(separator: "&")
    }

    func query(_ pairs: [(String, String)]) -> String { "?" + encode(pairs) }

    /// Reads the consent form like a browser and submits it with the chosen account and decision.
    func consent(_ page: Reply, account: String, decision: String = "allow") async throws -> Reply {
        let action = try #require(Self.firstMatch(#"<form method="post" action="([^"]+)""#, in: page.body))
        var fields: [(String, String)] = []
        let regex = try NSRegularExpression(pattern: #"<input type="hidden" name="([^"]*)" value="([^"]*)">"#)
        for match in regex.matches(in: page.body, range: NSRange(page.body.startIndex..., in: page.body)) {
            let name = String(page.body[Range(match.range(at: 1), in: page.body)!])
            let value = String(page.body[Range(match.range(at: 2), in: page.body)!])
            fields.append((Self.unescape(name), Self.unescape(value)))
        }
        fields += [("account", account), ("decision", decision)]
        return try await postForm(String(Self.unescape(action).dropFirst()), fields)
    }

    static func firstMatch(_ pattern: String, in text: String) -> String? {
        guard let regex = try? NSRegularExpression(pattern: pattern),
            let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
            let range = Range(match.range(at: 1), in: text)
        else { return nil }
        return String(text[range])
    }

    static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    /// Switches on a failure through the inspection API.
    func fail(_ platform: String, _ mode: String, count: Int = 1, latency: Double? = nil) async throws {
        let latencyJSON = latency.map { ", \"latency\": \($0)" } ?? ""
        let reply = try await postJSON("_sandbox/failures", #"{"platform": "\#(platform)", "mode": "\#(mode)", "count": \#(count)\#(latencyJSON)}"#)
        #expect(reply.status == 200)
    }

    func advanceClock(_ seconds: Double) async throws {
        _ = try await postJSON("_sandbox/clock", #"{"advance": \#(seconds)}"#)
    }

    func posts(_ platform: String) async throws -> [[String: Any]] {
        try await get("_sandbox/posts?platform=\(platform)").jsonArray
    }

    static func basic(_ id: String, _ secret: String) -> (String, String) {
        ("Authorization", "Basic " + Data("\(id):\(secret)".utf8).base64EncodedString())
    }
}

/// Starts the sandbox on port 0 and runs `body` against it with real HTTP.
func withSandbox(
    _ configuration: SandboxConfiguration = SandboxConfiguration(port: 0, apps: TestApps.all),
    _ body: @Sendable @escaping (SandboxClient) async throws -> Void
) async throws {
    var configuration = configuration
    configuration.port = 0
    let app = buildSandboxApplication(configuration: configuration)
    try await app.test(.live) { client in
        let port = try #require(client.port)
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))
        do {
            try await body(SandboxClient(base: "http://127.0.0.1:\(port)", http: http))
        } catch {
            try? await http.shutdown()
            throw error
        }
        try await http.shutdown()
    }
}
