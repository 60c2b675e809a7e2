import Foundation

/// Article thumbnails through the Images API (docs/platforms/linkedin-images.md): LinkedIn does
/// not scrape the shared link, so without an uploaded image the card has none. Every step here
/// happens before the post, and any failure only means a card without an image: the share goes on.
extension LinkedInPlatform {
    struct InitializeUpload: Encodable {
        struct Request: Encodable { var owner: String }
        var initializeUploadRequest: Request
    }

    struct InitializedUpload: Decodable {
        struct Value: Decodable {
            var uploadUrl: String
            var image: String
        }
        var value: Value
    }

    /// The image URN to use as `content.article.thumbnail`, or why there is none (said to the
    /// person beside the published post).
    func thumbnail(for content: ShareContent, author: String, accessToken: String) async -> Result<String, ShareImageProblem>? {
        guard let images, let address = content.imageURL else { return nil }
        do {
            let image = try await images.load(address)
            return .success(try await upload(image, owner: author, accessToken: accessToken))
        } catch {
            return .failure(error)
        }
    }

    /// Initialize, then `PUT` the bytes to the returned upload address.
    func upload(_ image: ShareImage, owner: String, accessToken: String) async throws(ShareImageProblem) -> String {
        var components = URLComponents(url: apiBase.appending(path: "rest/images"), resolvingAgainstBaseURL: false)
        components?.queryItems = [URLQueryItem(name: "action", value: "initializeUpload")]
        guard let initializeURL = components?.url,
            let request = try? PlatformHTTPRequest.json(
                .POST, initializeURL, InitializeUpload(initializeUploadRequest: .init(owner: owner)), headers: [bearer(accessToken)])
        else { throw ShareImageProblem("the upload request could not be built") }
        let initialized: PlatformHTTPResponse
        do { initialized = try await transportSend(request) } catch {
            throw ShareImageProblem("LinkedIn's image upload could not be started (\(error.description))")
        }
        guard (200..<300).contains(initialized.status), let answer = initialized.decode(InitializedUpload.self) else {
            throw ShareImageProblem("LinkedIn answered \(initialized.status) to the image upload request")
        }
        guard answer.value.image.hasPrefix("urn:li:image:"), answer.value.image.count <= 200,
            let uploadURL = Self.uploadURL(answer.value.uploadUrl)
        else { throw ShareImageProblem("LinkedIn's upload answer named no usable image or upload address") }
        var put = PlatformHTTPRequest(.PUT, uploadURL, headers: [bearer(accessToken), ("Content-Type", image.header.mediaType)], body: image.bytes)
        put.timeout = timeout
        let uploaded: PlatformHTTPResponse
        do { uploaded = try await transportSend(put) } catch {
            throw ShareImageProblem("the image upload to LinkedIn failed (\(error.description))")
        }
        guard (200..<300).contains(uploaded.status) else { throw ShareImageProblem("LinkedIn answered \(uploaded.status) to the image bytes") }
        return answer.value.image
    }

    /// An upload address from LinkedIn's answer: it receives the bearer token, so only an https
    /// address on LinkedIn's own domain is used.
    static func uploadURL(_ text: String) -> URL? {
        guard text.count <= 4096, let url = URL(string: text), url.scheme?.lowercased() == "https",
            let host = url.host?.lowercased(), host == "linkedin.com" || host.hasSuffix(".linkedin.com")
        else { return nil }
        return url
    }
}
