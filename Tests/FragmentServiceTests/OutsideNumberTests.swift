import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Platforms
import Testing

@testable import FragmentService

/// Numbers and dates from requests are range-checked before any arithmetic: each of these
/// inputs once trapped and ended the whole process.
@Suite struct OutsideNumberTests {
    static let historyPages = 1...100_000

    static func form(
        _ client: some TestClientProtocol, _ uri: String, _ fields: [(String, String)], as session: BrowserSession
    ) async throws
        -> (HTTPResponse.Status, String)
    {
        try await client.execute(
            uri: uri, method: .post, headers: [.cookie: session.cookie, .contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: FormEncoding.encode([("_csrf", session.csrf)] + fields))
        ) { ($0.status, String(buffer: $0.body)) }
    }

    @Test func historyPagesBeyondTheRangeAreRefusedNotOverflowed() async throws {
        let app = try await TestEnvironment.app()
        try await app.test(.router) { client in
            let session = try await BrowserSession.signedIn(client)
            for page in ["9223372036854775807", "-9223372036854775808", "100001", "0", "1e9", "", "99999999999999999999999"] {
                let (status, body, _) = try await ConnectFlowTests.get(client, "/social/history/?page=\(page)", session)
                #expect(status == .badRequest, "page=\(page)")
                #expect(body.contains("page must be a number from 1 to 100000"), "page=\(page)")
            }
            for page in ["1", "2", "100000"] {
                #expect(try await ConnectFlowTests.get(client, "/social/history/?page=\(page)", session).0 == .ok, "page=\(page)")
            }
            #expect(try await ConnectFlowTests.get(client, "/social/history/", session).0 == .ok)
        }
    }

    @Test func aHugeRuleDelayIsAFieldErrorNotAnOverflow() async throws {
        let app = try await TestEnvironment.app()
        try await app.test(.router) { client in
            let session = try await BrowserSession.signedIn(client)
            for minutes in ["999999999999999999", "9223372036854775807", "-1", "10081", "ten", ""] {
                let (status, body) = try await Self.form(
                    client, "/social/rules/", [("connection_id", "1"), ("mode", "auto"), ("delay_minutes", minutes)], as: session)
                #expect(status == .unprocessableContent, "delay_minutes=\(minutes)")
                #expect(body.contains("must be from 0 to 604800"), "delay_minutes=\(minutes)")
            }
        }
        #expect(ShareRuleInput.delaySeconds(minutes: "10080") == 604_800)
        #expect(ShareRuleInput.delaySeconds(minutes: nil) == 0)
    }

    @Test func rulesAPINumbersOutOfRangeAreClientErrors() async throws {
        let app = try await TestEnvironment.app()
        let token = try await TestEnvironment.token(sub: "user-1")
        try await app.test(.router) { client in
            for (json, status) in [
                (#"{"connection_id":1,"mode":"auto","delay_seconds":999999999999999999}"#, HTTPResponse.Status.unprocessableContent),
                (#"{"connection_id":1,"mode":"auto","delay_seconds":-9223372036854775808}"#, .unprocessableContent),
                (#"{"connection_id":1,"mode":"auto","delay_seconds":1e300}"#, .badRequest),
                (#"{"connection_id":1,"mode":"auto","delay_seconds":99999999999999999999999}"#, .badRequest),
                (#"{"connection_id":1,"mode":"auto","delay_seconds":1.5}"#, .badRequest),
                (#"{"connection_id":9223372036854775807,"mode":"auto"}"#, .unprocessableContent),
                (#"{"connection_id":-9223372036854775808,"mode":"auto"}"#, .unprocessableContent),
                (#"{"connection_id":1e300,"mode":"auto"}"#, .badRequest),
            ] {
                let (got, _) = try await AutoShareTests.api(client, .post, "/api/v1/rules", token: token, json: json)
                #expect(got == status, "\(json)")
            }
            for path in ["/api/v1/rules/9223372036854775807", "/api/v1/rules/99999999999999999999", "/api/v1/rules/-1"] {
                #expect(try await AutoShareTests.api(client, .get, path, token: token).0 == .notFound, "\(path)")
            }
            for limit in ["9223372036854775807", "-1", "0", "201", "1e3"] {
                #expect(try await AutoShareTests.api(client, .get, "/api/v1/events?limit=\(limit)", token: token).0 == .badRequest, "\(limit)")
            }
        }
    }

    @Test func webhookDatesOutsideTheStorableRangeAreFieldErrors() async throws {
        let app = try await buildApplication(
            configuration: TestEnvironment.configuration(), dependencies: .inMemory(apps: [PublishWebhookTests.blog]),
            logger: TestEnvironment.logger)
        try await app.test(.router) { client in
            for date in [
                "0001-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "10000-01-01T00:00:00Z", "99999999999-01-01T00:00:00Z",
                "9999999999999999999-01-01T00:00:00Z", "-9999999999999999999-01-01T00:00:00Z", "2024-99-99T99:99:99Z",
            ] {
                let body = PublishWebhookTests.body().replacingOccurrences(of: "2026-11-24T10:00:00Z", with: date)
                try await client.execute(
                    uri: "/webhooks/publish", method: .post, headers: PublishWebhookTests.headers(body), body: ByteBuffer(string: body)
                ) { response in
                    #expect(response.status != .accepted, "\(date)")
                    if date.hasPrefix("0001") || date.hasPrefix("1969") {
                        #expect(response.status == .unprocessableContent && String(buffer: response.body).contains("published_at"), "\(date)")
                    }
                    #expect(response.status.code < 500, "\(date)")
                }
            }
            for timestamp in ["9223372036854775807", "-9223372036854775808", "99999999999999999999", "1e300"] {
                let body = PublishWebhookTests.body()
                var headers = PublishWebhookTests.headers(body)
                headers[HTTPField.Name(WebhookSignature.timestampHeader)!] = timestamp
                try await client.execute(uri: "/webhooks/publish", method: .post, headers: headers, body: ByteBuffer(string: body)) {
                    #expect($0.status == .unauthorized || $0.status == .badRequest, "\(timestamp)")
                }
            }
        }
    }

    @Test func tokenExpiriesBeyondAnyRangeAreWordedNotTrapped() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        func words(_ date: Date) -> String {
            AccountHealth(needsReconnect: false, reason: nil, renewsByItself: false, expiresAt: date, now: now).text
        }
        #expect(words(Date(timeIntervalSince1970: 1e300)) == "Connected")
        #expect(words(Date(timeIntervalSinceReferenceDate: .infinity)) == "Connected")
        #expect(words(Date(timeIntervalSinceReferenceDate: .nan)) == "Connected")
        #expect(words(Date.distantFuture) == "Reconnect before 31 December 4000")
        #expect(words(Date(timeIntervalSince1970: -1e300)) == "Expired — reconnect")
        #expect(words(Date(timeIntervalSinceReferenceDate: -.infinity)) == "Expired — reconnect")
    }
}
