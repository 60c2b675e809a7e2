import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

@testable import Platforms

/// Consent like a browser, reading the redirect instead of following it. `SandboxHarness.consent`
/// submits the form with a client that follows redirects, so it tries to load the callback host
/// (`social.test`) and fails; this helper disables redirects for that one request.
enum MetaConsent {
    static func consent(at authorizeURL: URL, account: String, decision: String = "allow", in sandbox: SandboxHarness) async throws -> [String: String] {
        let page = try await sandbox.request(.GET, sandbox.sandboxURL(authorizeURL).absoluteString)
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
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: HTTPClient.Configuration(redirectConfiguration: .disallow))
        do {
            var request = HTTPClientRequest(url: "\(sandbox.base)\(SandboxHarness.unescape(action))")
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            request.body = .bytes(ByteBuffer(string: FormEncoding.encode(fields)))
            let response = try await client.execute(request, timeout: .seconds(10))
            _ = try await response.body.collect(upTo: 1 << 20)
            try await client.shutdown()
            guard let location = response.headers.first(name: "location"), let components = URLComponents(string: location) else {
                throw HarnessError("consent did not redirect (status \(response.status.code))")
            }
            return (components.queryItems ?? []).reduce(into: [:]) { $0[$1.name] = $1.value ?? "" }
        } catch {
            try? await client.shutdown()
            throw error
        }
    }
}
