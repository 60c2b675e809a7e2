import Foundation
import MetricsTestKit
import Testing

@testable import Platforms

/// Endpoint labels for platform-call metrics: fixed words and versions stay, anything that
/// could be an id or a token does not, and the number of distinct labels is capped.
@Suite struct PlatformCallMetricsTests {
    static func label(_ method: PlatformHTTPRequest.Method, _ url: String, _ destination: PlatformHTTPRequest.Destination = .platform) -> String {
        PlatformEndpoint.label(method: method, url: URL(string: url)!, destination: destination)
    }

    @Test func idsBecomePlaceholdersAndFixedWordsStay() {
        #expect(Self.label(.POST, "https://graph.facebook.com/v26.0/104857600000001/feed") == "POST graph.facebook.com/v26.0/{id}/feed")
        #expect(Self.label(.GET, "https://graph.facebook.com/v26.0/17890000000000001?fields=status_code") == "GET graph.facebook.com/v26.0/{id}")
        #expect(
            Self.label(.POST, "https://graph.threads.net/v1.0/26000000000000001/threads_publish")
                == "POST graph.threads.net/v1.0/{id}/threads_publish")
        #expect(Self.label(.POST, "https://api.x.com/2/tweets") == "POST api.x.com/2/tweets")
        #expect(Self.label(.POST, "https://api.x.com/2/oauth2/token") == "POST api.x.com/2/oauth2/token")
        #expect(Self.label(.GET, "https://api.linkedin.com/v2/userinfo") == "GET api.linkedin.com/v2/userinfo")
        #expect(Self.label(.GET, "https://api.linkedin.com/rest/images/urn%3Ali%3Aimage%3AC4E10AQ") == "GET api.linkedin.com/rest/images/{id}")
        // A person typed the host: every Mastodon server is one label; a status id is an id.
        #expect(
            Self.label(.GET, "https://mastodon.social/api/v1/statuses/109000000000000001", .untrusted)
                == "GET {instance}/api/v1/statuses/{id}")
        #expect(Self.label(.GET, "https://pleroma.example/nodeinfo/2.0", .untrusted) == "GET {instance}/nodeinfo/2.0")
        // Tokens and codes in queries or fragments are never read; opaque path segments are ids.
        #expect(Self.label(.GET, "https://api.x.com/2/users/me?access_token=secret#frag") == "GET api.x.com/2/users/me")
        #expect(
            Self.label(.PUT, "https://www.linkedin.com/dms-uploads/sp/v2/D4D10AQ3Xyz/uploaded-image/0")
                == "PUT www.linkedin.com/dms-uploads/sp/v2/{id}/…")
        #expect(Self.label(.GET, "https://graph.facebook.com/v26.0/1") == "GET graph.facebook.com/v26.0/{id}")
        #expect(Self.label(.GET, "https://graph.facebook.com/v26.0/abcdefabcdefabcdefabcdefabcdefabcdef") == "GET graph.facebook.com/v26.0/{id}")
    }

    @Test func theMeasuredTransportTimesAndCountsEachCallUnderItsPlatform() async throws {
        let factory = TestMetrics()
        let metrics = PlatformCallMetrics(factory: factory)
        let ok = MeasuredPlatformTransport(base: FixedTransport(status: 201), platform: .instagram, metrics: metrics)
        _ = try await ok.send(PlatformHTTPRequest(.POST, URL(string: "https://graph.facebook.com/v26.0/1789/media")!))
        let failing = MeasuredPlatformTransport(base: NoTransport(), platform: .facebook, metrics: metrics)
        await #expect(throws: TransportError.self) {
            _ = try await failing.send(PlatformHTTPRequest(.POST, URL(string: "https://graph.facebook.com/v26.0/1789/feed")!))
        }
        let media = [("platform", "instagram"), ("endpoint", "POST graph.facebook.com/v26.0/{id}/media")]
        #expect(try factory.expectCounter(PlatformCallMetrics.callsLabel, media + [("result", "2xx")]).totalValue == 1)
        #expect(try factory.expectTimer(PlatformCallMetrics.durationLabel, media).values.count == 1)
        let feed = [("platform", "facebook"), ("endpoint", "POST graph.facebook.com/v26.0/{id}/feed")]
        #expect(try factory.expectCounter(PlatformCallMetrics.callsLabel, feed + [("result", "error")]).totalValue == 1)
    }

    @Test func pastTheCapNewEndpointsAreCountedAsOther() async throws {
        let factory = TestMetrics()
        let metrics = PlatformCallMetrics(factory: factory)
        for index in 0..<PlatformCallMetrics.maximumEndpoints {
            metrics.record(
                platform: .mastodon, endpoint: "GET {instance}/word\(index % 10)/\(String(repeating: "a", count: index / 10 + 1))", result: "2xx",
                duration: .zero)
        }
        metrics.record(platform: .mastodon, endpoint: "GET {instance}/one/more", result: "2xx", duration: .zero)
        metrics.record(platform: .mastodon, endpoint: "GET {instance}/word0/a", result: "2xx", duration: .zero)
        #expect(
            try factory.expectCounter(PlatformCallMetrics.callsLabel, [("platform", "mastodon"), ("endpoint", "other"), ("result", "2xx")]).totalValue
                == 1)
        #expect(
            try factory.expectCounter(
                PlatformCallMetrics.callsLabel, [("platform", "mastodon"), ("endpoint", "GET {instance}/word0/a"), ("result", "2xx")]
            ).totalValue == 2)
    }
}

/// Answers every call with `status` and an empty body.
private struct FixedTransport: PlatformTransport {
    let status: Int
    func send(_ request: PlatformHTTPRequest) async throws(TransportError) -> PlatformHTTPResponse {
        PlatformHTTPResponse(status: status, headers: [:], body: Data())
    }
}
