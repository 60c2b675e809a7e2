import Foundation
import HTTPTypes
import Hummingbird

/// `POST /webhooks/publish`: content apps announce new content. Verify before decoding: read the
/// body up to a cap, check app, timestamp and HMAC, then decode, validate and store the event
/// before answering 202. Resolution happens afterwards in `PublishEventWorker`.
struct PublishWebhookController<Apps: ContentAppRepository, Events: PublishEventRepository>: Sendable {
    static var maximumBody: Int { 64 * 1024 }

    let apps: Apps
    let events: Events
    let signal: WakeSignal
    /// Apps verified in the last few seconds: most webhooks are checked without a database read.
    var verified = VerifiedAppCache()

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("publish", use: publish)
    }

    /// The body of every 202, the same for a repeat of the same event id.
    struct Accepted: Encodable {
        var status = "accepted"
        var id: Int64
        var eventID: String
        var state: String
        enum CodingKeys: String, CodingKey { case status, id, state, eventID = "event_id" }
    }

    /// The body of a 422.
    struct Invalid: Encodable {
        var error = "The event was not accepted; see fields."
        var fields: [String: String]
    }

    @Sendable func publish(_ request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: Self.maximumBody)
        } catch {
            throw RequestError.tooLarge(limit: Self.maximumBody)
        }
        let app = try await verifiedApp(request, body: Array(buffer: body))

        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let payload = try JSONInput.decode(
            PublishEventPayload.self, from: body, decoder: decoder, hint: "dates are ISO 8601, tags a list of strings")
        let problems = payload.problems(for: app)
        guard problems.isEmpty else { return try JSONResponse.make(Invalid(fields: problems), status: .unprocessableContent) }

        let (event, created) = try await events.record(
            NewPublishEvent(
                appID: app.id, eventID: payload.eventID, contentType: payload.contentType, url: payload.url, title: payload.title,
                description: payload.description, imageURL: payload.image,
                imageAlt: payload.imageAlt.flatMap { ShareImageAlt.clean($0) }, tags: payload.tags ?? [], authorUserID: payload.author,
                publishedAt: payload.publishedAt))
        if created { signal.wake() }
        return try JSONResponse.make(Accepted(id: event.id, eventID: event.eventID, state: "received"), status: .accepted)
    }

    private func verifiedApp(_ request: Request, body: [UInt8]) async throws -> ContentApp {
        func header(_ name: String) -> String? { HTTPField.Name(name).flatMap { request.headers[$0] } }
        guard let appID = header(WebhookSignature.appHeader), let timestampText = header(WebhookSignature.timestampHeader),
            let signature = header(WebhookSignature.signatureHeader)
        else {
            throw RequestError.unauthenticated(
                "Sign the request: \(WebhookSignature.appHeader), \(WebhookSignature.timestampHeader) and \(WebhookSignature.signatureHeader) are required."
            )
        }
        guard let timestamp = Int(timestampText), abs(Date().timeIntervalSince1970 - Double(timestamp)) <= WebhookSignature.tolerance else {
            throw RequestError.unauthenticated("The timestamp is missing or more than 5 minutes away from now; check the sender's clock.")
        }
        if let known = verified.app(id: appID),
            WebhookSignature.isValid(header: signature, body: body, timestamp: timestamp, secret: known.signingSecret)
        {
            return known
        }
        // Not seen lately, or the secret may have been rotated since: ask the database.
        guard let app = try await apps.find(id: appID) else {
            verified.forget(id: appID)
            throw RequestError.unauthenticated("Unknown content app '\(appID.prefix(64))'; register it with `social-service app add`.")
        }
        guard WebhookSignature.isValid(header: signature, body: body, timestamp: timestamp, secret: app.signingSecret) else {
            throw RequestError.unauthenticated("The signature does not match this body and timestamp.")
        }
        verified.remember(app)
        return app
    }
}
