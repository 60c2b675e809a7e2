import Foundation
import SocialCore

/// Posting (docs/platforms/bluesky.md, "Posting", "Blobs", "Safe retries", "Errors"): the text
/// with the link at its end, a link facet in UTF-8 bytes, an external card built from our own
/// metadata with the image uploaded as a blob, and a record key chosen here.
extension BlueskyPlatform {
    /// The thumb limit of the external-embed lexicon (docs/platforms/bluesky.md, "Blobs").
    static let thumbLimit = 1_000_000

    package func share(_ content: ShareContent, using credentials: StoredCredentials) async -> ShareResult {
        let check = await check(content, for: credentials)
        if let refused = check.refusedResult { return refused }
        guard let token = BlueskyStoredToken(encoded: credentials.accessToken), let pds = try? Self.pds(of: credentials),
            BlueskyIdentifier.isDID(credentials.platformUserID)
        else { return .failed(.needsReconnect, "This Bluesky connection's saved session is unreadable; connect the account again.") }
        let did = credentials.platformUserID
        guard let facet = BlueskyPostRecord.linkFacet(text: check.text, link: content.url) else {
            return .failed(.rejectedContent, "The link could not be placed in the Bluesky post.")
        }
        let (thumb, note) = await thumbnail(for: content, pds: pds, token: token)
        let rkey = BlueskyTID.make()
        let record = BlueskyPostRecord(
            text: check.text, createdAt: Self.timestamp(Date()), langs: LanguageTag.normalize(content.language).map { [$0] },
            facets: [facet],
            embed: .init(external: .init(uri: content.url, title: content.title, description: content.description ?? "", thumb: thumb)))
        guard let body = try? JSONEncoder().encode(BlueskyCreateRecord(repo: did, rkey: rkey, record: record)) else {
            return .failed(.rejectedContent, "The post could not be encoded.")
        }
        let postURL = "https://bsky.app/profile/\(did)/post/\(rkey)"
        let recordURI = "at://\(did)/app.bsky.feed.post/\(rkey)"
        var result: ShareResult
        do {
            let response = try await xrpc(
                .POST, "com.atproto.repo.createRecord", service: pds, body: body, contentType: "application/json", token: token)
            result = await self.result(for: response, recordURI: recordURI, postURL: postURL, pds: pds, did: did, rkey: rkey, token: token.token)
        } catch {
            result =
                error.mayHaveReachedServer
                ? await lookUp(
                    rkey: rkey, did: did, pds: pds, recordURI: recordURI, postURL: postURL,
                    why: "The connection to Bluesky failed after the post was sent")
                : .failed(.transient, "Could not reach \(pds.host ?? "Bluesky"); nothing was posted. Try again later.")
        }
        if result.outcome == .published, let note { result.message = note }
        return result
    }

    private func result(
        for response: PlatformHTTPResponse, recordURI: String, postURL: String, pds: URL, did: String, rkey: String, token: String
    ) async -> ShareResult {
        struct Created: Decodable { var uri: String }
        switch response.status {
        case 200..<300:
            guard let created = response.decode(Created.self), created.uri == recordURI else {
                return await lookUp(
                    rkey: rkey, did: did, pds: pds, recordURI: recordURI, postURL: postURL, why: "Bluesky's answer to the post was unreadable")
            }
            return .published(id: recordURI, url: postURL)
        case 429:
            return .failed(.rateLimited, "Bluesky is rate limiting posts from this account; try again later.", retryAfter: Self.retryAfter(response))
        case 500...:
            return await lookUp(rkey: rkey, did: did, pds: pds, recordURI: recordURI, postURL: postURL, why: "Bluesky answered \(response.status)")
        default:
            if Self.tokenIsDead(response) {
                return .failed(.needsReconnect, "Bluesky no longer accepts this connection's session; reconnect the account.")
            }
            if response.status == 403 || response.status == 401 {
                return .failed(
                    .needsReconnect, "Bluesky refused the post for this connection\(BlueskyErrorBody.detail(response, hiding: token)); connect again."
                )
            }
            return .failed(.rejectedContent, "Bluesky refused the post\(BlueskyErrorBody.detail(response, hiding: token)).")
        }
    }

    /// After an unknown outcome: the record key is ours, so `getRecord` (public) says whether the post
    /// exists. Found → published. Not found → still unconfirmed: a write the PDS was still doing when
    /// our side gave up (a timeout, a gateway's 502) may land after the look-up
    /// (docs/platforms/bluesky.md, "Safe retries").
    func lookUp(rkey: String, did: String, pds: URL, recordURI: String, postURL: String, why: String) async -> ShareResult {
        struct Found: Decodable { var uri: String }
        if let response = try? await xrpc(
            .GET, "com.atproto.repo.getRecord", service: pds, query: [("repo", did), ("collection", "app.bsky.feed.post"), ("rkey", rkey)],
            token: nil), response.status == 200, response.decode(Found.self)?.uri == recordURI
        {
            return .published(id: recordURI, url: postURL)
        }
        var result = ShareResult.unconfirmed(
            "\(why), and the post was not found right after; it may still appear. Check your profile before posting again.")
        result.platformPostID = recordURI
        return result
    }

    /// RFC 3339 in UTC with milliseconds, as atproto writes `createdAt` (`2026-11-02T10:00:00.000Z`).
    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(secondsFromGMT: 0)
        return formatter.string(from: date)
    }

    /// The card's thumbnail: the content image uploaded as a blob, or why the card has none (a
    /// note beside the published post; never a reason to fail it).
    func thumbnail(for content: ShareContent, pds: URL, token: BlueskyStoredToken) async -> (BlueskyBlob?, String?) {
        guard let images, let address = content.imageURL else { return (nil, nil) }
        let image: ShareImage
        do { image = try await images.load(address) } catch {
            return (nil, "Posted without a card image: \(error.description).")
        }
        guard image.bytes.count <= Self.thumbLimit else {
            return (nil, "Posted without a card image: it is \(image.bytes.count) bytes and Bluesky takes at most \(Self.thumbLimit).")
        }
        struct Uploaded: Decodable { var blob: BlueskyBlob }
        guard
            let response = try? await xrpc(
                .POST, "com.atproto.repo.uploadBlob", service: pds, body: image.bytes, contentType: image.header.mediaType, token: token)
        else { return (nil, "Posted without a card image: the upload to Bluesky failed.") }
        guard (200..<300).contains(response.status) else {
            return (nil, "Posted without a card image: Bluesky refused the upload (HTTP \(response.status)).")
        }
        guard let blob = response.decode(Uploaded.self)?.blob, blob.usableThumb(maxSize: Self.thumbLimit) else {
            return (nil, "Posted without a card image: Bluesky's upload answer was unusable.")
        }
        return (blob, nil)
    }
}
