import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FragmentService

/// `GET /fragments/share-button`: what it renders, how it encodes and what it refuses.
@Suite struct FragmentShareButtonTests {
    /// A query string built the way a content app would, without the code under test: every
    /// character outside RFC 3986 unreserved is percent-encoded.
    static func uri(_ pairs: [(String, String)], name: String = "share-button") -> String {
        let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        let query = pairs.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: unreserved)!)" }.joined(separator: "&")
        return "/fragments/\(name)" + (query.isEmpty ? "" : "?" + query)
    }

    /// The `href` of the rendered link, HTML entities undone, split into its query items.
    static func shareLink(in html: String) throws -> URLComponents {
        let raw = try #require(html.firstMatch(of: /href="([^"]*)"/)?.1)
        let href = String(raw).replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
        return try #require(URLComponents(string: href))
    }

    static func fetch(_ uri: String, _ check: @escaping @Sendable (TestResponse) throws -> Void) async throws {
        let app = try await TestEnvironment.app(["PUBLIC_BASE_URL": "http://account.rose-ash.test"])
        try await app.test(.router) { client in
            try await client.execute(uri: uri, method: .get) { try check($0) }
        }
    }

    @Test func rendersAnAccessibleLinkToTheSharePage() async throws {
        try await Self.fetch(Self.uri([("url", "https://blog.example/posts/kiln"), ("title", "Kiln diaries"), ("type", "blog_post")])) {
            response in
            #expect(response.status == .ok)
            let html = String(buffer: response.body)
            #expect(html.hasPrefix(#"<a class="rose-ash-share" href="http://account.rose-ash.test/social/share/?url="#))
            #expect(html.contains(#"aria-label="Share “Kiln diaries”""#))
            #expect(html.contains(#"<i class="fa-solid fa-share-nodes" aria-hidden="true"></i> Share</a>"#))
            #expect(response.headers[.setCookie] == nil)
        }
    }

    @Test func everyParameterRoundTripsExactlyThroughTheLink() async throws {
        let inputs = [
            ("url", "https://shop.example/p?id=1&ref=a b#frag"),
            ("title", "Crème brûlée & 日本 + more = 100% \"quoted\" 'single'"),
            ("description", "Line one\nline two; a+b, c/d? #tag é"),
            ("image", "https://cdn.example/images/日本.png?size=l&v=2+3"),
            ("type", "product"),
        ]
        try await Self.fetch(Self.uri(inputs)) { response in
            #expect(response.status == .ok)
            let link = try Self.shareLink(in: String(buffer: response.body))
            #expect(link.path == "/social/share/")
            let items = try #require(link.queryItems)
            #expect(items.map(\.name) == inputs.map(\.0))
            #expect(items.map { $0.value ?? "" } == inputs.map(\.1))
        }
    }

    @Test func formEncodedPlusIsASpaceAndEncodedPlusIsAPlus() async throws {
        try await Self.fetch("/fragments/share-button?url=https%3A%2F%2Fa.example%2F&title=a+b%2Bc") { response in
            #expect(response.status == .ok)
            let items = try #require(Self.shareLink(in: String(buffer: response.body)).queryItems)
            #expect(items.first { $0.name == "title" }?.value == "a b+c")
        }
    }

    @Test func emptyAndAbsentOptionalParametersAreLeftOut() async throws {
        try await Self.fetch(Self.uri([("url", "https://a.example/x"), ("title", ""), ("image", ""), ("type", "")])) { response in
            #expect(response.status == .ok)
            let html = String(buffer: response.body)
            let names = try Self.shareLink(in: html).queryItems?.map(\.name)
            #expect(names == ["url"])
            #expect(html.contains(#"aria-label="Share this page""#))
        }
    }

    @Test func scriptPayloadsInTextParametersAreEscaped() async throws {
        let payload = #""><script>alert(1)</script><img src=x onerror=alert(2)>'"#
        let inputs = [
            ("url", "https://a.example/\(payload)"), ("title", payload), ("description", payload),
            ("image", "https://cdn.example/\(payload)"),
        ]
        try await Self.fetch(Self.uri(inputs)) { response in
            #expect(response.status == .ok)
            let html = String(buffer: response.body)
            #expect(!html.contains("<script"))
            #expect(!html.contains("<img"))
            #expect(html.components(separatedBy: "<").count == 5)  // <a, <i, </i, </a: nothing else opens a tag
            #expect(html.components(separatedBy: "\"").count == 11)  // five attributes, no quote from the input
            #expect(html.contains("Share “&quot;&gt;&lt;script&gt;"))
            let items = try #require(Self.shareLink(in: html).queryItems)
            #expect(items.map { $0.value ?? "" } == inputs.map(\.1))
        }
    }

    @Test(arguments: [
        ("", "url"), ("?title=Hello", "url"), ("?url=", "url"),
        ("?url=javascript%3Aalert(1)", "url"), ("?url=JaVaScRiPt%3Aalert(1)%2F%2Fhttps%3A%2F%2Fa.example", "url"),
        ("?url=data%3Atext%2Fhtml%2C%3Cscript%3E", "url"), ("?url=ftp%3A%2F%2Fa.example%2Ff", "url"),
        ("?url=%2Fposts%2F1", "url"), ("?url=https%3A%2F%2F", "url"), ("?url=https%3A%2F%2F%2Fpath", "url"),
        ("?url=https%3A%2F%2Fuser%3Apass%40a.example%2F", "url"), ("?url=https%3A%2F%2Fa.example%2F%0Ax", "url"),
        ("?url=https%3A%2F%2Fa.example&url=https%3A%2F%2Fb.example", "url"), ("?url=%E0%A4%A", "url"),
        ("?url=https%3A%2F%2Fa.example&image=javascript%3Aalert(1)", "image"),
        ("?url=https%3A%2F%2Fa.example&image=%2Flogo.png", "image"),
        ("?url=https%3A%2F%2Fa.example&type=video", "type"),
        ("?url=https%3A%2F%2Fa.example&type=%22%3E%3Cscript%3E", "type"),
    ])
    func badParametersAreRefusedNamingTheParameter(query: String, parameter: String) async throws {
        try await Self.fetch("/fragments/share-button" + query) { response in
            #expect(response.status == .badRequest)
            #expect(response.headers[.contentType] == "text/plain; charset=utf-8")
            #expect(response.headers[.cacheControl] == "no-store")
            #expect(String(buffer: response.body).contains("Parameter \"\(parameter)\""))
        }
    }

    @Test func overLongValuesAreRefusedAndTheLimitsThemselvesAccepted() async throws {
        let site = "https://a.example/"
        let longURL = site + String(repeating: "p", count: ShareParameters.maxURLLength - site.count)
        let cases: [([(String, String)], String?)] = [
            (
                [
                    ("url", longURL), ("title", String(repeating: "t", count: 300)), ("description", String(repeating: "d", count: 1000)),
                    ("image", longURL),
                ], nil
            ),
            ([("url", longURL + "p")], "url"),
            ([("url", site), ("title", String(repeating: "é", count: 301))], "title"),
            ([("url", site), ("description", String(repeating: "d", count: 1001))], "description"),
            ([("url", site), ("image", longURL + "p")], "image"),
        ]
        for (pairs, refused) in cases {
            try await Self.fetch(Self.uri(pairs)) { response in
                if let refused {
                    #expect(response.status == .badRequest)
                    #expect(String(buffer: response.body).contains("Parameter \"\(refused)\" must be at most"))
                } else {
                    #expect(response.status == .ok)
                }
            }
        }
    }

    @Test func unknownFragmentNamesAnswer404WithoutEchoingTheName() async throws {
        try await Self.fetch(Self.uri([("url", "https://a.example/")], name: "%3Cscript%3E")) { response in
            #expect(response.status == .notFound)
            #expect(response.headers[.contentType] == "text/plain; charset=utf-8")
            let text = String(buffer: response.body)
            #expect(text.contains("No fragment by that name. Known fragments: share-button."))
            #expect(!text.contains("script"))
        }
    }
}
