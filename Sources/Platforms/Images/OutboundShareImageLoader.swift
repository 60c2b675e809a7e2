import Foundation
import NIOHTTP1
import SocialCore

/// The service's `ShareImageLoader`: an untrusted GET through the content `OutboundHTTP`
/// (address checks, redirect re-checks, size and time caps), then the bytes are sniffed; the
/// server's `Content-Type` is only a hint.
package struct OutboundShareImageLoader: ShareImageLoader {
    /// LinkedIn names no file-size limit; 5 MiB is the smallest limit guides report, so images
    /// above it are not sent (docs/platforms/linkedin-images.md).
    package static let maximumBytes = 5 << 20
    /// LinkedIn's pixel limit: width × height below 36,152,320 (docs/platforms/linkedin-images.md).
    package static let maximumPixels = 36_152_320

    let http: OutboundHTTP
    let timeout: Duration

    package init(http: OutboundHTTP, timeout: Duration = .seconds(10)) {
        self.http = http
        self.timeout = timeout
    }

    package func load(_ url: String) async throws(ShareImageProblem) -> ShareImage {
        guard let target = URL(string: url), ["http", "https"].contains(target.scheme?.lowercased() ?? "") else {
            throw ShareImageProblem("the image address is not an http(s) URL")
        }
        var headers = HTTPHeaders()
        headers.add(name: "Accept", value: "image/jpeg, image/png, image/gif;q=0.9")
        let response: OutboundResponse
        do {
            response = try await http.send(
                OutboundRequest(
                    url: target, headers: headers, destination: .untrusted(), timeout: timeout, maxBodyBytes: Self.maximumBytes))
        } catch {
            throw ShareImageProblem("the image could not be fetched (\(error))")
        }
        guard response.isSuccess else { throw ShareImageProblem("the image's server answered \(response.status.code)") }
        return try Self.check(response.body)
    }

    /// The bytes as an upload, or the reason they are not one.
    package static func check(_ bytes: Data) throws(ShareImageProblem) -> ShareImage {
        guard !bytes.isEmpty, bytes.count <= maximumBytes else { throw ShareImageProblem("the image is empty or larger than 5 MiB") }
        guard let header = ImageHeader(bytes) else { throw ShareImageProblem("the image is not a JPEG, PNG or GIF") }
        guard let pixels = header.pixelCount, pixels < maximumPixels else {
            throw ShareImageProblem("the image has too many pixels (\(header.width)×\(header.height))")
        }
        return ShareImage(bytes: bytes, header: header)
    }
}
