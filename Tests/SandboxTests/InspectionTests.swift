import Crypto
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import Testing
@testable import Sandbox

@Suite("Inspection API and starting the sandbox")
struct InspectionTests {
    @Test("apps come from the service's environment variables with PUBLIC_BASE_URL callbacks")
    func environmentApps() {
        let apps = SandboxConfiguration.fromEnvironment(TestApps.environment).apps
        let facebook = apps.first { $0.platform == .facebook }
        #expect(facebook?.clientID == "1111")
        #expect(facebook?.redirectURIs == ["https://rose.example/social/callback/facebook/", "https://rose.example/social/callback/instagram/"])
        #expect(apps.first { $0.platform == .twitter }?.clientSecret == "x-secret")
        #expect(apps.count == 4)
        #expect(SandboxConfiguration.fromEnvironment(["SOCIAL_TWITTER_CLIENT_ID": "x"]).apps.isEmpty)
    }

    @Test("onServerRunning reports the port bound for port 0")
    func boundPort() async throws {
        let (stream, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = buildSandboxApplication(configuration: SandboxConfiguration(port: 0)) { port in continuation.yield(port) }
        let group = ServiceGroup(configuration: .init(services: [app], logger: Logger(label: "test")))
        let server = Task { try await group.run() }
        var iterator = stream.makeAsyncIterator()
        let port = try #require(await iterator.next())
        #expect(port > 0)
        await group.triggerGracefulShutdown()
        try await server.value
    }

    @Test("requests are recorded with secrets masked; reset clears posts and requests")
    func requestsAndReset() async throws {
        try await withSandbox { sandbox in
            _ = try await sandbox.postForm(
                "api.x.com/2/oauth2/token", [("grant_type", "refresh_token"), ("refresh_token", "secret-value")],
                headers: [SandboxClient.basic("x-client", "x-secret")])
            let recorded = try await sandbox.get("_sandbox/requests?platform=twitter").jsonArray
            let last = try #require(recorded.last)
            #expect(last["path"] as? String == "/2/oauth2/token")
            #expect((last["body"] as? String)?.contains("secret-value") == false)
            #expect((last["headers"] as? [String: String])?["authorization"] == "Basic ***")
            _ = try await sandbox.postJSON("_sandbox/reset", "{}")
            #expect(try await sandbox.get("_sandbox/requests?platform=twitter").jsonArray.isEmpty)
        }
    }

    @Test("apps registered through the inspection API are accepted; unknown ones are not")
    func registerApp() async throws {
        try await withSandbox(SandboxConfiguration(port: 0)) { sandbox in
            let query = sandbox.query([
                ("response_type", "code"), ("client_id", "new-app"), ("redirect_uri", "https://t.example/cb"),
                ("scope", "tweet.read users.read"), ("state", "s"), ("code_challenge", String(repeating: "c", count: 43)),
                ("code_challenge_method", "plain"),
            ])
            #expect(try await sandbox.get("x.com/i/oauth2/authorize" + query).status == 400)
            let registered = try await sandbox.postJSON(
                "_sandbox/apps",
                #"{"platform":"twitter","client_id":"new-app","redirect_uris":["https://t.example/cb"]}"#)
            #expect(registered.status == 200)
            #expect(try await sandbox.get("x.com/i/oauth2/authorize" + query).status == 200)
        }
    }

    @Test("minted tokens can be already expired, and failure rules expire after count requests")
    func mintedTokensAndCounts() async throws {
        try await withSandbox { sandbox in
            let minted = try await sandbox.postJSON(
                "_sandbox/tokens",
                #"{"platform":"twitter","account":"1500000000000000001","client_id":"x-client","scopes":["tweet.read","users.read"],"expires_in":-1}"#
            )
            let token = try #require(minted.json["access_token"] as? String)
            #expect(try await sandbox.get("api.x.com/2/users/me", headers: [("Authorization", "Bearer \(token)")]).status == 401)
            let fresh = try await sandbox.postJSON(
                "_sandbox/tokens",
                #"{"platform":"twitter","account":"1500000000000000001","client_id":"x-client","scopes":["tweet.read","users.read"]}"#)
            let bearer = [("Authorization", "Bearer \(fresh.json["access_token"] as? String ?? "")")]
            try await sandbox.fail("twitter", "server_error", count: 2)
            #expect(try await sandbox.get("api.x.com/2/users/me", headers: bearer).status == 503)
            #expect(try await sandbox.get("api.x.com/2/users/me", headers: bearer).status == 503)
            #expect(try await sandbox.get("api.x.com/2/users/me", headers: bearer).status == 200)
        }
    }

    @Test("signed_request is HMAC-SHA256 of the payload with the app secret")
    func signedRequest() async throws {
        try await withSandbox { sandbox in
            let reply = try await sandbox.postJSON("_sandbox/signed_request", #"{"platform":"facebook","user_id":"10000000000000001"}"#)
            let parts = try #require(reply.json["signed_request"] as? String).split(separator: ".").map(String.init)
            #expect(parts.count == 2)
            let mac = HMAC<SHA256>.authenticationCode(for: Data(parts[1].utf8), using: SymmetricKey(data: Data("fb-secret".utf8)))
            #expect(Data(mac).base64URLEncoded == parts[0])
        }
    }
}
