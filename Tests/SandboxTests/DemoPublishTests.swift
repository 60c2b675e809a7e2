import Crypto
import Foundation
import Hummingbird
import Testing
@testable import Sandbox

/// The blog's publish button creates a post, sends the README's signed publish webhook and
/// redirects to the post, which says what the service answered.
@Suite("Demo publishing") struct DemoPublishTests {
    static func serviceRouter(log: DemoRequestLog, status: HTTPResponse.Status, answer: String) -> Router<BasicRequestContext> {
        let router = Router()
        router.post("/webhooks/publish") { request, _ -> Response in
            _ = try await log.record(request)
            return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: answer)))
        }
        return router
    }

    static func bytes(hex: Substring) -> [UInt8]? {
        guard hex.count == 64 else { return nil }
        var result: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            guard let byte = UInt8(hex[index..<next], radix: 16) else { return nil }
            result.append(byte)
            index = next
        }
        return result
    }

    @Test("publishing sends a webhook signed over timestamp and raw body, then redirects to the new post")
    func publishSendsSignedWebhook() async throws {
        let log = DemoRequestLog()
        let router = Self.serviceRouter(log: log, status: .accepted, answer: #"{"status":"accepted","id":1,"event_id":"x"}"#)
        try await DemoTestSupport.withFakeServer(router) { service in
            try await withRunningDemoApps(serviceURL: "http://127.0.0.1:\(service)", secrets: [.blog: "blog-secret"]) { ports in
                let origin = ports.origin(of: .blog)
                let reply = try await DemoTestSupport.fetch(
                    origin + "/publish", method: .POST, body: "", contentType: "application/x-www-form-urlencoded")
                #expect(reply.status == 303)
                let location = try #require(reply.headers.first(name: "Location"))
                #expect(location.hasPrefix("/posts/demo-post-"))

                let entries = await log.entries
                #expect(entries.count == 1)
                let entry = try #require(entries.first)
                #expect(entry.headers["x-rose-ash-app"] == "blog")
                #expect(entry.headers["content-type"] == "application/json")
                let timestamp = try #require(entry.headers["x-rose-ash-timestamp"].flatMap { Int($0) })
                #expect(abs(Int(Date().timeIntervalSince1970) - timestamp) < 60)
                let signature = try #require(entry.headers["x-rose-ash-signature"])
                #expect(signature.hasPrefix("sha256="))
                let mac = try #require(Self.bytes(hex: signature.dropFirst(7)))
                #expect(
                    HMAC<SHA256>.isValidAuthenticationCode(
                        mac, authenticating: Array("\(timestamp).".utf8) + entry.body,
                        using: SymmetricKey(data: Array("blog-secret".utf8))))
                #expect(
                    !HMAC<SHA256>.isValidAuthenticationCode(
                        mac, authenticating: Array("\(timestamp + 1).".utf8) + entry.body,
                        using: SymmetricKey(data: Array("blog-secret".utf8))))

                let json = try #require(try JSONSerialization.jsonObject(with: Data(entry.body)) as? [String: Any])
                let slug = String(location.dropFirst("/posts/".count))
                #expect(json["event_id"] as? String == "blog-\(slug)-published")
                #expect(json["content_type"] as? String == "blog_post")
                #expect(json["url"] as? String == origin + location)
                #expect(json["image"] as? String == "\(origin)/images/\(slug).jpg")
                #expect(json["image_alt"] as? String == DemoURLs.imageAlt)
                #expect(json["author"] as? String == "demo-ada")
                #expect((json["tags"] as? [String])?.isEmpty == false)
                #expect((json["description"] as? String)?.isEmpty == false)
                #expect((json["published_at"] as? String).flatMap { try? Date($0, strategy: .iso8601) } != nil)
                let title = try #require(json["title"] as? String)
                #expect(title.hasPrefix("Demo post #1"))

                let page = try await DemoTestSupport.fetch(origin + location)
                #expect(page.status == 200)
                #expect(DemoTestSupport.metaTags(in: page.body)["og:title"] == title)
                #expect(page.body.contains("accepted the publish webhook (202)"))
                let feed = try #require(DemoTestSupport.feedItems(try await DemoTestSupport.fetch(origin + "/feed.xml").body))
                #expect(feed.first?.title == title)
            }
        }
    }

    @Test("a refused webhook is reported on the new post's page")
    func refusedWebhookReported() async throws {
        let log = DemoRequestLog()
        let router = Self.serviceRouter(log: log, status: .unauthorized, answer: #"{"error":"bad signature"}"#)
        try await DemoTestSupport.withFakeServer(router) { service in
            try await withRunningDemoApps(serviceURL: "http://127.0.0.1:\(service)", secrets: [.blog: "wrong"]) { ports in
                let origin = ports.origin(of: .blog)
                let reply = try await DemoTestSupport.fetch(origin + "/publish", method: .POST, body: "")
                let location = try #require(reply.headers.first(name: "Location"))
                let page = try await DemoTestSupport.fetch(origin + location)
                #expect(page.body.contains("did not accept the publish webhook (HTTP 401)"))
                #expect(page.body.contains("bad signature"))
            }
        }
    }

    @Test("without a secret the post is created but no webhook is sent")
    func missingSecret() async throws {
        let log = DemoRequestLog()
        let router = Self.serviceRouter(log: log, status: .accepted, answer: "{}")
        try await DemoTestSupport.withFakeServer(router) { service in
            try await withRunningDemoApps(serviceURL: "http://127.0.0.1:\(service)") { ports in
                let origin = ports.origin(of: .market)
                let reply = try await DemoTestSupport.fetch(origin + "/publish", method: .POST, body: "")
                #expect(reply.status == 303)
                let location = try #require(reply.headers.first(name: "Location"))
                #expect(location.hasPrefix("/products/demo-product-"))
                let page = try await DemoTestSupport.fetch(origin + location)
                #expect(page.body.contains("DEMO_MARKET_SECRET is not set"))
                #expect(await log.entries.isEmpty)
            }
        }
    }

    @Test("the signer matches a known HMAC-SHA256 vector")
    func signerVector() {
        // HMAC-SHA256("key", "1700000000.{}") computed independently with Python's hmac module.
        let signature = DemoWebhookSigner.signature(body: Array("{}".utf8), timestamp: 1_700_000_000, secret: "key")
        #expect(signature == "sha256=" + Self.expectedVector)
    }

    static let expectedVector = "9d713ed406bb7076d4123f0dc2c39d2df5c654ed4b0cd56b52c8b4c940bd63ae"
}
