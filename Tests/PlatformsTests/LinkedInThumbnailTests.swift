import Foundation
import Sandbox
import Testing

@testable import Platforms

/// Article thumbnails through the Images API (docs/platforms/linkedin-images.md): the sandbox must
/// receive the bytes and the post must carry the image URN it issued.
@Suite struct LinkedInThumbnailTests {
    /// A real 3×2 red PNG.
    static let png = Data([
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x03, 0x00, 0x00,
        0x00, 0x02, 0x08, 0x02, 0x00, 0x00, 0x00, 0x12, 0x16, 0xF1, 0x4D, 0x00, 0x00, 0x00, 0x10, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63,
        0xF8, 0xCF, 0xC0, 0x00, 0x41, 0x0C, 0x70, 0x16, 0x00, 0x41, 0xD2, 0x05, 0xFB, 0x87, 0xF0, 0xB9, 0x48, 0x00, 0x00, 0x00, 0x00, 0x49,
        0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ])

    /// Serves fixed bytes for every address, as the content site would.
    struct FixedImages: ShareImageLoader {
        var bytes: Data
        func load(_ url: String) async throws(ShareImageProblem) -> ShareImage { try OutboundShareImageLoader.check(bytes) }
    }

    static func client(_ sandbox: SandboxHarness, images: Data) -> LinkedInPlatform {
        let app = LinkedInPlatformTests.app
        return LinkedInPlatform(
            clientID: app.clientID, clientSecret: app.clientSecret!, transport: sandbox.transport, version: "202603",
            images: FixedImages(bytes: images))
    }

    static func content() -> ShareContent {
        ShareContent(
            url: "https://blog.example/posts/1", title: "Engines and looms", imageURL: "https://blog.example/card.png",
            idempotencyKey: UUID().uuidString)
    }

    @Test func theContentImageIsUploadedAndTheArticleCarriesItsURN() async throws {
        try await SandboxHarness.with(apps: [LinkedInPlatformTests.app]) { sandbox in
            let client = Self.client(sandbox, images: Self.png)
            let credentials = try await LinkedInPlatformTests.connect(client, sandbox)
            let result = await client.share(Self.content(), using: credentials)
            #expect(result.outcome == .published && result.message == nil)
            let post = try #require(try await sandbox.posts(platform: "linkedin").first)
            let thumbnail = try #require(post["thumbnail"] as? String)
            #expect(thumbnail.hasPrefix("urn:li:image:"))
            #expect(post["thumbnail_bytes"] as? Int == Self.png.count)
        }
    }

    @Test func anImageLinkedInCannotTakeLeavesACardWithoutImageAndSaysSo() async throws {
        try await SandboxHarness.with(apps: [LinkedInPlatformTests.app]) { sandbox in
            let svg = Data(#"<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630"/>"#.utf8)
            let client = Self.client(sandbox, images: svg)
            let credentials = try await LinkedInPlatformTests.connect(client, sandbox)
            let result = await client.share(Self.content(), using: credentials)
            #expect(result.outcome == .published)
            #expect(result.message?.contains("without a card image") == true)
            let post = try #require(try await sandbox.posts(platform: "linkedin").first)
            #expect(post["thumbnail"] == nil)
            let requests = try await sandbox.request(.GET, "_sandbox/requests?platform=linkedin").body
            #expect(!requests.contains("/rest/images"))
        }
    }

    @Test func uploadAddressesOutsideLinkedInAreNotSentTheToken() {
        #expect(LinkedInPlatform.uploadURL("https://www.linkedin.com/dms-uploads/x") != nil)
        #expect(LinkedInPlatform.uploadURL("https://api.linkedin.com/mediaUpload/x") != nil)
        #expect(LinkedInPlatform.uploadURL("http://www.linkedin.com/dms-uploads/x") == nil)
        #expect(LinkedInPlatform.uploadURL("https://linkedin.com.evil.example/x") == nil)
        #expect(LinkedInPlatform.uploadURL("https://evil.example/www.linkedin.com") == nil)
    }
}
