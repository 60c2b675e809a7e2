import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

@testable import Platforms

/// Drives a sandbox consent page like a browser, but stops at the redirect to our callback.
/// `SandboxHarness.consent` uses an `HTTPClient` that follows redirects, so it tries to load
/// `http://social.test/...` and fails on DNS; until Support is fixed, these tests use this.
enum OAuthConsent {
    /// One client for all tests, never following redirects (process lifetime, never shut down).
    static let browser = HTTPClient(
        eventLoopGroupProvider: .singleton, configuration: HTTPClient.Configuration(redirectConfiguration: .disallow))

    /// Loads `authorizeURL` in the sandbox, submits the form for `account`, returns the callback query.
    static func callback(_ sandbox: SandboxHarness, at authorizeURL: URL, account: String, decision: String = "allow") async throws -> [String: String] {
        let page = try await send(.GET, sandbox.sandboxURL(authorizeURL).absoluteString)
        guard page.status == 200 else { throw HarnessError("authorize page answered \(page.status): \(page.body.prefix(300))") }
        guard let action = SandboxHarness.firstMatch(#"<form method="post" action="([^"]+)""#, in: page.body) else {
            throw HarnessError("no consent form on the authorize page")
        }
        var fields: [(String, String)] = []
        let regex = try NSRegularExpression(pattern: #"<input type="hidden" name="([^"]*)" value="([^"]*)">"#)
        for match in regex.matches(in: page.body, range: NSRange(page.body.startIndex..., in: page.body)) {
            fields.append((SandboxHarness.unescape(String(page.body[Range(match.range(at: 1), in: page.body)!])),
                           SandboxHarness.unescape(String(page.body[Range(match.range(at: 2), in: page.body)!]))))
        }
        fields += [("account", account), ("decision", decision)]
        let reply = try await send(.POST, "\(sandbox.base)\(SandboxHarness.unescape(action))", body: FormEncoding.encode(fields))
        guard let location = reply.location, let components = URLComponents(string: location) else {
            throw HarnessError("consent did not redirect (status \(reply.status)): \(reply.body.prefix(300))")
        }
        return (components.queryItems ?? []).reduce(into: [:]) { $0[$1.name] = $1.value ?? "" }
    }

    private static func send(_ method: HTTPMethod, _ url: String, body: String? = nil) async throws -> (status: Int, location: String?, body: String) {
        var request = HTTPClientRequest(url: url)
        request.method = method
        if let body {
            request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await browser.execute(request, timeout: .seconds(10))
        let bytes = try await response.body.collect(upTo: 4 << 20)
        return (Int(response.status.code), response.headers.first(name: "location"), String(buffer: bytes))
    }
}
