import Foundation
import Testing

@testable import Ingest

/// URL resolution and whitespace normalisation helpers.
@Suite("URLs and text")
struct URLAndTextTests {
    let base = URL(string: "https://rose-ash.example/journal/2024/post.html")!

    @Test("Relative, root-relative, protocol-relative and absolute references resolve to http(s)")
    func resolves() {
        #expect(URLResolver.resolve("img/a.jpg", against: base) == "https://rose-ash.example/journal/2024/img/a.jpg")
        #expect(URLResolver.resolve("/a.jpg", against: base) == "https://rose-ash.example/a.jpg")
        #expect(URLResolver.resolve("//cdn.example/a.jpg", against: base) == "https://cdn.example/a.jpg")
        #expect(URLResolver.resolve(" http://other.example/x ", against: base) == "http://other.example/x")
    }

    @Test("Non-web schemes and blanks give nil")
    func rejects() {
        for reference in ["javascript:alert(1)", "mailto:a@b.example", "data:text/plain,hi", "ftp://x.example/f", "  ", "https://"] {
            #expect(URLResolver.resolve(reference, against: base) == nil, "\(reference)")
        }
        #expect(URLResolver.resolve(nil, against: base) == nil)
    }

    @Test("A non-http base href is ignored in favour of the document URL")
    func baseHref() {
        #expect(URLResolver.documentBase(baseHref: "ftp://x.example/", documentURL: base) == base)
        #expect(URLResolver.documentBase(baseHref: "/assets/", documentURL: base).absoluteString == "https://rose-ash.example/assets/")
    }

    @Test("Whitespace runs, tabs, newlines and no-break spaces collapse to single spaces")
    func whitespace() {
        #expect("  a\t\tb\n\u{00A0}c  ".normalisedWhitespace == "a b c")
        #expect(" \n ".normalisedWhitespace == nil)
    }

    @Test("Markup in feed text is flattened with spaces at block boundaries")
    func plainText() {
        #expect(FeedText.plain("<p>One</p><p>Two &amp; <b>three</b></p>") == "One Two & three")
        #expect(FeedText.plain("a < b") == "a < b")
        #expect(FeedText.authorName("jo@rose-ash.example (Jo Harrow)") == "Jo Harrow")
        #expect(FeedText.authorName("jo@rose-ash.example") == "jo@rose-ash.example")
    }
}
