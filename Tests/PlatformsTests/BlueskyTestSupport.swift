import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import NIOCore
import Sandbox
import Testing

@testable import Platforms

/// Bluesky client tests run against the sandbox over HTTP, with this service's own client-metadata
/// document and JWKS (`BlueskyClient.metadataDocument` / `jwksDocument`) served from a loopback
/// Hummingbird server that the sandbox is told to fetch `https://rose.example/…` from
/// (Sources/Sandbox/NOTES.md, "Bluesky": client metadata fetch).
enum BlueskyTest {
    static let base = URL(string: "https://rose.example")!
    static let redirect = "https://rose.example/social/callback/bluesky/"
    static let ada = "did:plc:adal2vela3eengine4notes5"
    static let grace = "did:web:grace.example"
    static let adaAppPassword = "ad4a-lv3l-c2e7-x9qa"
    static let graceAppPassword = "gr4c-hp3r-c0b0-l7xz"

    static let key = BlueskyClientKey.generate()

    static func client(key: BlueskyClientKey = key) -> BlueskyClient {
        BlueskyClient.forDeployment(publicBaseURL: base, key: key)!
    }

    static func platform(
        _ sandbox: SandboxHarness, images: (any ShareImageLoader)? = nil, timeout: Duration = .seconds(10), key: BlueskyClientKey = key
    ) -> BlueskyPlatform {
        BlueskyPlatform(client: client(key: key), transport: sandbox.transport, images: images, timeout: timeout)
    }

    /// A sandbox plus the client's documents, registered with it.
    static func with<T: Sendable>(key: BlueskyClientKey = key, _ body: @Sendable (SandboxHarness) async throws -> T) async throws -> T {
        let client = client(key: key)
        let metadata = try #require(client.metadataDocument(clientName: "Rose Ash"))
        let jwks = try #require(client.jwksDocument())
        let router = Router()
        router.get("/social/bluesky/client-metadata.json") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: metadata)))
        }
        router.get("/social/bluesky/jwks.json") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: jwks)))
        }
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "bluesky-client-documents")
        logger.logLevel = .error
        let documents = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) }, logger: logger)
        return try await withServiceGroup([documents], logger: logger) {
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { throw CancellationError() }
            return try await SandboxHarness.with { sandbox in
                let registered = try await sandbox.request(
                    .POST, "_sandbox/client_origins", headers: [("Content-Type", "application/json")],
                    body: #"{"origin": "https://rose.example", "fetch_from": "http://127.0.0.1:\#(port)"}"#)
                guard registered.status == 200 else { throw HarnessError("client origin not registered: \(registered.body)") }
                return try await body(sandbox)
            }
        }
    }

    /// Connects `account` (a DID) typed as `hint`: prepare → PAR → consent → callback → code exchange.
    static func connect(_ platform: BlueskyPlatform, hint: String, account: String, in sandbox: SandboxHarness) async throws -> OAuthResult {
        let issuer = try await platform.prepareAuthorization(hint: hint)
        var request = ConnectRequest(
            redirectURI: redirect, state: "st-\(UUID().uuidString)", codeVerifier: BlueskyPlatform.makeCodeVerifier(), instanceURL: issuer,
            accountHint: hint)
        let authorize = try await platform.authorizeURL(for: request)
        let callback = try await sandbox.consent(at: authorize, account: account)
        #expect(callback["state"] == request.state)
        request.callbackIssuer = callback["iss"]
        let code = try #require(callback["code"])
        let results = try await platform.exchangeCode(code, for: request)
        return try #require(results.first)
    }

    static func credentials(_ result: OAuthResult) -> StoredCredentials {
        StoredCredentials(
            platformUserID: result.platformUserID, username: result.username, accessToken: result.accessToken, refreshToken: result.refreshToken,
            expiresAt: result.expiresAt, extraData: result.extraData)
    }

    static func content(message: String? = "Read this", image: String? = nil) -> ShareContent {
        ShareContent(
            url: "https://rose-ash.example/blog/post-1", title: "Post title", description: "A summary", imageURL: image, message: message,
            idempotencyKey: UUID().uuidString)
    }

    /// Switches on a failure for Bluesky calls whose path contains `path`.
    static func fail(_ sandbox: SandboxHarness, mode: String, path: String, count: Int = 1, latency: Double? = nil) async throws {
        var json = #"{"platform":"bluesky","mode":"\#(mode)","count":\#(count),"path_contains":"\#(path)""#
        if let latency { json += #","latency":\#(latency)"# }
        let reply = try await sandbox.request(.POST, "_sandbox/failures", headers: [("Content-Type", "application/json")], body: json + "}")
        guard reply.status == 200 else { throw HarnessError("failure not set: \(reply.body)") }
    }

    /// Fixed image bytes, as the service's loader would hand them over.
    struct Images: ShareImageLoader {
        let bytes: Data
        func load(_ url: String) async throws(ShareImageProblem) -> ShareImage { try OutboundShareImageLoader.check(bytes) }
    }

    /// A PNG of `size` bytes (a valid header, then padding).
    static func png(size: Int = 2048) -> Data {
        var data = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13])
        data += Data("IHDR".utf8)
        data += Data([0, 0, 0, 64, 0, 0, 0, 32, 8, 2, 0, 0, 0, 0, 0, 0, 0])
        if data.count < size { data += Data(repeating: 0, count: size - data.count) }
        return data
    }
}
