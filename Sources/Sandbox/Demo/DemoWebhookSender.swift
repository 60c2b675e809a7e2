import AsyncHTTPClient
import Foundation
import NIOCore

/// Sends the signed `POST {service}/webhooks/publish` for an item created with the demo button.
struct DemoWebhookSender: Sendable {
    let http: HTTPClient
    /// Base URL of the social service, without a trailing slash.
    let serviceURL: String
    let kind: DemoAppKind
    /// Signing secret; `nil` or empty means "not registered": nothing is sent.
    let secret: String?
    /// The host platform's user id sent as `author`.
    let author: String
    let timeout: TimeAmount

    /// The JSON body (keys in a stable order so tests and logs read the same).
    func body(item: DemoItem, pageURL: String, imageURL: String) -> [UInt8] {
        let payload: [String: Any] = [
            "event_id": "\(kind.appName)-\(item.slug)-published",
            "content_type": kind.contentType,
            "url": pageURL,
            "title": item.title,
            "description": item.summary,
            "image": imageURL,
            "image_alt": DemoURLs.imageAlt,
            "tags": item.tags,
            "author": author,
            "published_at": item.publishedAt.formatted(Date.ISO8601FormatStyle()),
        ]
        let data = (try? JSONSerialization.data(withJSONObject: payload, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return Array(data)
    }

    /// Sends the webhook and reports what the service answered.
    func publish(item: DemoItem, pageURL: String, imageURL: String, now: Date = Date()) async -> PublishOutcome {
        guard let secret, !secret.isEmpty else { return .notConfigured(variable: kind.secretVariable) }
        let body = body(item: item, pageURL: pageURL, imageURL: imageURL)
        let timestamp = Int(now.timeIntervalSince1970)
        var request = HTTPClientRequest(url: serviceURL + "/webhooks/publish")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "X-Rose-Ash-App", value: kind.appName)
        request.headers.add(name: "X-Rose-Ash-Timestamp", value: String(timestamp))
        request.headers.add(name: "X-Rose-Ash-Signature", value: DemoWebhookSigner.signature(body: body, timestamp: timestamp, secret: secret))
        request.body = .bytes(ByteBuffer(bytes: body))
        do {
            let response = try await http.execute(request, timeout: timeout)
            let answer = String(buffer: try await response.body.collect(upTo: 16 * 1024))
            if response.status.code == 202 { return .accepted }
            return .refused(status: Int(response.status.code), detail: Self.summary(of: answer))
        } catch {
            return .unreachable(String(describing: error))
        }
    }

    /// A short, single-line excerpt of the service's error answer.
    static func summary(of answer: String) -> String {
        let line = answer.split(whereSeparator: \.isNewline).joined(separator: " ")
        return line.count > 200 ? String(line.prefix(200)) + "…" : line
    }
}
