import Foundation
import Testing

@testable import Platforms

/// The share page shows `check`'s refusal and `share` refuses with the very same sentence, before
/// any call: the two can never disagree about what a platform takes.
@Suite struct PostCheckTests {
    typealias S = MetaTestSupport

    static func platforms() -> [any SocialPlatform] {
        [
            FacebookPagesClient(app: S.facebookApp, transport: NoCallTransport()),
            InstagramClient(app: S.facebookApp, transport: NoCallTransport()),
            ThreadsClient(app: S.threadsApp, transport: NoCallTransport()),
            TwitterPlatform(clientID: "x-client", clientSecret: nil, transport: NoCallTransport()),
            LinkedInPlatform(clientID: "li-client", clientSecret: "li-secret", transport: NoCallTransport()),
            // Reads the server's limits first; without an answer it uses the documented defaults.
            MastodonPlatform(appStore: MemoryMastodonAppStore(), transport: NoTransport()),
        ]
    }

    static let credentials = StoredCredentials(
        platformUserID: "1", username: "ada", accessToken: "token", extraData: ["instance_url": "https://mastodon.social"])

    static func content(message: String?, image: String?) -> ShareContent {
        ShareContent(
            url: "https://blog.rose-ash.example/posts/kiln", title: "Kiln", imageURL: image, message: message, idempotencyKey: "key-0123456789abcdef")
    }

    /// Too long for every platform (Facebook's limit, the highest, is 63,206).
    static let tooLong = content(message: String(repeating: "x", count: 70_000), image: "https://blog.rose-ash.example/kiln.jpg")
    /// Too many links for Threads, too many hashtags for Instagram, too long for X; others take it.
    static let crowded = content(
        message: (1...6).map { "https://l\($0).example/" }.joined(separator: " ") + " " + (1...31).map { "#t\($0)" }.joined(separator: " "),
        image: "https://blog.rose-ash.example/kiln.jpg")

    @Test func everyRefusalOfTheCheckIsTheShareResultAndNothingIsCalled() async {
        var refusedCrowded: Set<PlatformName> = []
        for platform in Self.platforms() {
            for content in [Self.tooLong, Self.crowded] {
                let check = await platform.check(content, for: Self.credentials)
                guard let refusal = check.refusal else {
                    #expect(content.message != Self.tooLong.message, "\(platform.name) takes a post it should refuse")
                    continue
                }
                if content.message == Self.crowded.message { refusedCrowded.insert(platform.name) }
                let result = await platform.share(content, using: Self.credentials)
                #expect(result.outcome == .failed)
                #expect(result.errorKind == .rejectedContent)
                #expect(result.message == refusal, "\(platform.name): the share page and the share disagree")
            }
        }
        #expect(refusedCrowded == [.threads, .instagram, .twitter])
    }

    @Test func instagramNeedsAnImageAndSaysSoOnThePageAndInTheShare() async {
        let instagram = InstagramClient(app: S.facebookApp, transport: NoCallTransport())
        let content = Self.content(message: "Fresh from the kiln", image: nil)
        let check = await instagram.check(content, for: Self.credentials)
        #expect(check.problems == [InstagramClient.needsImage])
        let result = await instagram.share(content, using: Self.credentials)
        #expect(result.message == InstagramClient.needsImage)
        let withImage = await instagram.check(Self.content(message: "Fresh", image: "https://blog.rose-ash.example/kiln.jpg"), for: nil)
        #expect(withImage.refusal == nil)
    }

    @Test func threadsCountsTheSharedLinkAmongItsFiveLinks() async {
        let threads = ThreadsClient(app: S.threadsApp, transport: NoCallTransport())
        let five = (1...5).map { "https://l\($0).example/" }.joined(separator: " ")
        let check = await threads.check(Self.content(message: five, image: nil), for: nil)
        #expect(check.problems == ["Too many links: at most 5, counting the shared link."])
        let four = (1...4).map { "https://l\($0).example/" }.joined(separator: " ")
        #expect(await threads.check(Self.content(message: four, image: nil), for: nil).refusal == nil)
    }

    @Test func aPostThatFitsHasNoProblemsAndCountsLikeTheTextRules() async {
        for platform in Self.platforms() {
            let content = Self.content(message: "Fresh from the kiln", image: "https://blog.rose-ash.example/kiln.jpg")
            let check = await platform.check(content, for: Self.credentials)
            let rules = await platform.textRules(for: Self.credentials)
            #expect(check.refusal == nil, "\(platform.name): \(check.problems)")
            #expect(check.text == platform.postText(for: content))
            #expect(check.count == rules.count(check.text) && check.limit == rules.limit)
        }
    }
}
