import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FragmentService

/// Fragment responses are cacheable and revalidate with a strong ETag.
@Suite struct FragmentCachingTests {
    static let page = FragmentShareButtonTests.uri([("url", "https://blog.example/posts/kiln"), ("title", "Kiln diaries")])

    @Test func successfulResponsesCarryTypeCacheControlAndAStrongETag() async throws {
        let app = try await TestEnvironment.app()
        try await app.test(.router) { client in
            let first = try await client.execute(uri: Self.page, method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                #expect(response.headers[.cacheControl] == "public, max-age=300")
                let etag = try #require(response.headers[.eTag])
                #expect(etag.wholeMatch(of: /"[0-9a-f]{64}"/) != nil)
                #expect(etag == EntityTag.strong(for: String(buffer: response.body)))
                return etag
            }
            let second = try await client.execute(uri: Self.page, method: .get) { $0.headers[.eTag] }
            #expect(first == second)
        }
    }

    @Test(arguments: ["{tag}", "\"other\", {tag}", "W/{tag}", "\"a\",W/{tag} , \"b\"", "*"])
    func aMatchingIfNoneMatchAnswers304WithoutABody(_ form: String) async throws {
        let app = try await TestEnvironment.app()
        try await app.test(.router) { client in
            let etag = try await client.execute(uri: Self.page, method: .get) { try #require($0.headers[.eTag]) }
            let header = form.replacingOccurrences(of: "{tag}", with: etag)
            try await client.execute(uri: Self.page, method: .get, headers: [.ifNoneMatch: header]) { response in
                #expect(response.status == .notModified)
                #expect(response.body.readableBytes == 0)
                #expect(response.headers[.eTag] == etag)
                #expect(response.headers[.cacheControl] == "public, max-age=300")
            }
        }
    }

    @Test func aChangedParameterGivesAFullResponseWithANewETag() async throws {
        let app = try await TestEnvironment.app()
        try await app.test(.router) { client in
            let etag = try await client.execute(uri: Self.page, method: .get) { try #require($0.headers[.eTag]) }
            let changed = FragmentShareButtonTests.uri([("url", "https://blog.example/posts/kiln"), ("title", "Kiln diaries, part 2")])
            try await client.execute(uri: changed, method: .get, headers: [.ifNoneMatch: etag]) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.eTag] != nil && response.headers[.eTag] != etag)
                #expect(String(buffer: response.body).contains("part 2"))
            }
            try await client.execute(uri: Self.page, method: .get, headers: [.ifNoneMatch: "\"stale\", W/\"older\""]) {
                #expect($0.status == .ok)
            }
        }
    }

    @Test func ifNoneMatchParsingIgnoresMalformedElements() {
        let tag = EntityTag.strong(for: "body")
        #expect(EntityTag.ifNoneMatch([tag], matches: tag))
        #expect(EntityTag.ifNoneMatch(["\"x\"", " W/\(tag)"], matches: tag))
        #expect(!EntityTag.ifNoneMatch([String(tag.dropFirst())], matches: tag))
        #expect(!EntityTag.ifNoneMatch(["\"unterminated"], matches: tag))
        #expect(!EntityTag.ifNoneMatch([], matches: tag))
        #expect(EntityTag.strong(for: "body") != EntityTag.strong(for: "body "))
    }
}
