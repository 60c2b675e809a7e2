import Foundation

/// One Images API upload (docs/platforms/linkedin-images.md): registered by `initializeUpload`,
/// filled by the `PUT`.
struct LinkedInImage: Sendable {
    /// `urn:li:person:…` that may use the image.
    var owner: String
    /// Last path segment of the upload address.
    var uploadID: String
    /// Bytes received by the `PUT`, nil until then.
    var byteCount: Int?
    var mediaType: String?

    /// The formats LinkedIn accepts, recognised by their first bytes (JPEG, PNG, GIF).
    static func mediaType(of bytes: Data) -> String? {
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        if bytes.starts(with: Array("GIF87a".utf8)) || bytes.starts(with: Array("GIF89a".utf8)) { return "image/gif" }
        return nil
    }
}
