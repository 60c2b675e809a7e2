import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1
import Sandbox
import ServiceLifecycle

@testable import Platforms

/// Starts the platform sandbox on a free loopback port for one test and hands the test a
/// transport that sends every platform call there (https://HOST/PATH → http://127.0.0.1:PORT/HOST/PATH),
/// plus a plain HTTP client for driving consent pages and the `/_sandbox` inspection API.
struct SandboxHarness: Sendable {
    static let redirectBase = "http://social.test"

    let port: Int
    let http: HTTPClient
    let transport: SandboxTestTransport

    var base: String { "http://127.0.0.1:\(port)" }

    /// The sandbox URL for a real platform URL (what a browser would be redirected to).
    func sandboxURL(_ real: URL) -> URL { transport.rewrite(real) }

    /// Runs `body` with a sandbox that knows `apps`; stops it afterwards.
    static func with<T: Sendable>(apps: [RegisteredApp] = [], _ body: @Sendable (SandboxHarness) async throws -> T) async throws -> T {
        try await withRunningSandbox(apps: apps) { port in
            // Redirects stay visible: a consent answer redirects to the service's callback, which the test reads.
            let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))
            let harness = SandboxHarness(port: port, http: http, transport: SandboxTestTransport(port: port))
            do {
                let result = try await body(harness)
                try await http.shutdown()
                try await harness.transport.outbound.shutdown()
                return result
            } catch {
                try? await http.shutdown()
                try? await harness.transport.outbound.shutdown()
                throw error
            }
        }
    }

    /// A raw request to the sandbox (`path` includes the host prefix, e.g. `_sandbox/posts`).
    func request(
        _ method: HTTPMethod, _ path: String, headers: [(String, String)] = [], body: String? = nil
    ) async throws -> (status: Int, headers: [String: String], body: String) {
        var request = HTTPClientRequest(url: path.hasPrefix("http") ? path : "\(base)/\(path)")
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(string: body)) }
        let response = try await http.execute(request, timeout: .seconds(10))
        let bytes = try await response.body.collect(upTo: 4 << 20)
        var fields: [String: String] = [:]
        for header in response.headers { fields[header.name.lowercased()] = header.value }
        return (Int(response.status.code), fields, String(buffer: bytes))
    }

    /// Follows a platform's authorize URL like a browser: loads the consent page, submits it for
    /// `account` with `decision`, and returns the callback query the platform redirected to.
    func consent(at authorizeURL: URL, account: String, decision: String = "allow") async throws -> [String: String] {
        let page = try await request(.GET, sandboxURL(authorizeURL).absoluteString)
        guard page.status == 200 else { throw HarnessError("authorize page answered \(page.status): \(page.body.prefix(300))") }
        guard let form = ConsentForm(html: page.body) else { throw HarnessError("no consent form on the authorize page") }
        let reply = try await request(
            .POST, String(form.action.dropFirst()), headers: [("Content-Type", "application/x-www-form-urlencoded")],
            body: form.body(account: account, decision: decision))
        guard let location = reply.headers["location"], let components = URLComponents(string: location) else {
            throw HarnessError("consent did not redirect (status \(reply.status)): \(reply.body.prefix(300))")
        }
        return (components.queryItems ?? []).reduce(into: [:]) { $0[$1.name] = $1.value ?? "" }
    }

    /// Posts the sandbox recorded, as JSON objects.
    func posts(platform: String) async throws -> [[String: Any]] {
        let reply = try await request(.GET, "_sandbox/posts?platform=\(platform)")
        return (try JSONSerialization.jsonObject(with: Data(reply.body.utf8)) as? [[String: Any]]) ?? []
    }

    /// Switches on a failure mode (`/_sandbox/failures`).
    func fail(_ platform: String, mode: String, count: Int = 1, latency: Double? = nil) async throws {
        var json = #"{"platform":"\#(platform)","mode":"\#(mode)","count":\#(count)"#
        if let latency { json += #","latency":\#(latency)"# }
        json += "}"
        _ = try await request(.POST, "_sandbox/failures", headers: [("Content-Type", "application/json")], body: json)
    }

    /// Moves the sandbox clock forward.
    func advanceClock(seconds: Int) async throws {
        _ = try await request(.POST, "_sandbox/clock", headers: [("Content-Type", "application/json")], body: #"{"advance":\#(seconds)}"#)
    }

    static func firstMatch(_ pattern: String, in text: String) -> String? {
        guard let regex = try? NSRegularExpression(pattern: pattern),
            let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
            let range = Range(match.range(at: 1), in: text)
        else { return nil }
        return String(text[range])
    }

    static func unescape(_ s: String) -> String {
        s.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}

struct HarnessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
