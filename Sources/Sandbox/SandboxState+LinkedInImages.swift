import Foundation

/// LinkedIn's Images API for article thumbnails (docs/platforms/linkedin-images.md): initialize,
/// upload, read back.
/// The upload address names `www.linkedin.com`, which the service's sandbox route brings back here.
extension SandboxState {
    func linkedinInitializeUpload(_ request: SandboxRequest, token: IssuedToken) -> SandboxResponse {
        if let refused = linkedinVersionProblem(request) { return refused }
        guard request.query["action"] == "initializeUpload" else {
            return Self.linkedinError(400, "BAD_REQUEST", "The action parameter must be initializeUpload and sent in the query string")
        }
        struct Body: Decodable {
            struct Inner: Decodable { var owner: String? }
            var initializeUploadRequest: Inner?
        }
        guard request.contentType == "application/json", let body = try? JSONDecoder().decode(Body.self, from: request.body),
            let owner = body.initializeUploadRequest?.owner
        else { return Self.linkedinError(400, "BAD_REQUEST", "initializeUploadRequest.owner is required") }
        guard owner == "urn:li:person:\(token.accountID)" else {
            return Self.linkedinError(403, "ACCESS_DENIED", "Not enough permissions to upload images for \(owner)", service: 100)
        }
        let urn = "urn:li:image:D4E10AQ\(newNumericID(prefix: "5"))"
        let uploadID = randomSecret(bytes: 12)
        linkedinImages[urn] = LinkedInImage(owner: owner, uploadID: uploadID)
        let expires = Int64(now.addingTimeInterval(86_400).timeIntervalSince1970 * 1000)
        return .object([
            "value": ["uploadUrlExpiresAt": expires, "uploadUrl": "https://www.linkedin.com/dms-uploads/sandbox/\(uploadID)", "image": urn]
        ])
    }

    /// `PUT` of the raw bytes to the upload address, with the same bearer token.
    func linkedinUploadImage(_ request: SandboxRequest, uploadID: String, token: IssuedToken) -> SandboxResponse {
        guard let (urn, image) = linkedinImages.first(where: { $0.value.uploadID == uploadID }) else {
            return Self.linkedinError(404, "NOT_FOUND", "No upload is waiting at this address")
        }
        guard image.owner == "urn:li:person:\(token.accountID)" else {
            return Self.linkedinError(403, "ACCESS_DENIED", "This upload belongs to another member", service: 100)
        }
        guard image.byteCount == nil else { return Self.linkedinError(400, "BAD_REQUEST", "The image was already uploaded") }
        guard let mediaType = LinkedInImage.mediaType(of: request.body) else {
            return Self.linkedinError(400, "BAD_REQUEST", "Unsupported image format: upload a JPG, PNG or GIF")
        }
        linkedinImages[urn]?.byteCount = request.body.count
        linkedinImages[urn]?.mediaType = mediaType
        return .empty(.created)
    }

    /// `GET /rest/images/{urn}`: `WAITING_UPLOAD` until the bytes arrive, then `AVAILABLE`.
    func linkedinImageStatus(_ request: SandboxRequest, urn: String, token: IssuedToken) -> SandboxResponse {
        if let refused = linkedinVersionProblem(request) { return refused }
        guard let image = linkedinImages[urn], image.owner == "urn:li:person:\(token.accountID)" else {
            return Self.linkedinError(404, "NOT_FOUND", "Image \(urn) not found")
        }
        return .object(["id": urn, "owner": image.owner, "status": image.byteCount == nil ? "WAITING_UPLOAD" : "AVAILABLE"])
    }

    /// A thumbnail the post may use: an image of this author whose bytes arrived; else the 422 message.
    func linkedinThumbnailProblem(_ urn: String, author: String) -> String? {
        guard urn.hasPrefix("urn:li:image:") else { return "thumbnail must be an image URN from the Images API" }
        guard let image = linkedinImages[urn], image.owner == author else { return "thumbnail \(urn) is not an image of this author" }
        guard image.byteCount != nil else { return "thumbnail \(urn) has not been uploaded" }
        return nil
    }
}
