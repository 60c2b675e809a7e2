import Foundation
import Testing

@testable import Ingest

/// Atom 0.3 and pre-1.0 drafts, and unknown encoding labels.
@Suite("Atom 0.3 and unknown encodings")
struct AtomLegacyFeedTests {
    static let feedURL = URL(string: "https://old.rose-ash.example/atom.xml")!

    @Test("An Atom 0.3 feed is read: tagline, modified/issued/created, escaped, base64 and xml content")
    func atom03() throws {
        let xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed version="0.3" xmlns="http://purl.org/atom/ns#" xml:lang="en">
              <title mode="escaped" type="text/html">Rose Ash &lt;b&gt;Old&lt;/b&gt; Log</title>
              <tagline>Notes from 2004</tagline>
              <link rel="alternate" type="text/html" href="https://old.rose-ash.example/"/>
              <copyright>© Rose Ash</copyright>
              <modified>2004-06-01T12:00:00Z</modified>
              <author><name>Mara Quill</name></author>
              <entry>
                <title>First kiln</title>
                <link rel="alternate" type="text/html" href="/2004/first-kiln"/>
                <id>tag:old.rose-ash.example,2004:1</id>
                <issued>2004-05-30T09:00:00+02:00</issued>
                <modified>2004-05-31T10:00:00Z</modified>
                <created>2004-05-29T08:00:00Z</created>
                <content type="text/html" mode="escaped">&lt;p&gt;It &lt;em&gt;worked&lt;/em&gt;.&lt;/p&gt;</content>
              </entry>
              <entry>
                <title>Second kiln</title>
                <link rel="alternate" href="https://old.rose-ash.example/2004/second"/>
                <id>tag:old.rose-ash.example,2004:2</id>
                <modified>2004-06-01T11:00:00Z</modified>
                <content type="text/plain" mode="base64">QmFzZTY0IGJvZHk=</content>
              </entry>
              <entry>
                <title>Third kiln</title>
                <id>tag:old.rose-ash.example,2004:3</id>
                <created>2004-06-02T08:00:00Z</created>
                <content type="application/xhtml+xml" mode="xml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Inline <b>xhtml</b></p></div></content>
              </entry>
            </feed>
            """
        let feed = try FeedParser.parse(data: Array(xml.utf8), feedURL: Self.feedURL, contentType: "application/atom+xml")
        #expect(feed.format == .atom)
        #expect(feed.title == "Rose Ash Old Log")
        #expect(feed.description == "Notes from 2004")
        #expect(feed.link == "https://old.rose-ash.example/")
        #expect(feed.items.count == 3)
        let first = try #require(feed.items.first)
        #expect(first.link == "https://old.rose-ash.example/2004/first-kiln")
        #expect(first.id == "tag:old.rose-ash.example,2004:1")
        #expect(first.publishedAt == Fixture.date("2004-05-30T07:00:00Z"))
        #expect(first.updatedAt == Fixture.date("2004-05-31T10:00:00Z"))
        #expect(first.summary == "It worked.")
        #expect(first.contentHTML == "<p>It <em>worked</em>.</p>")
        #expect(first.author == "Mara Quill")
        #expect(feed.items[1].summary == "Base64 body")
        #expect(feed.items[1].publishedAt == Fixture.date("2004-06-01T11:00:00Z"))
        #expect(feed.items[2].summary == "Inline xhtml")
        #expect(feed.items[2].publishedAt == Fixture.date("2004-06-02T08:00:00Z"))
        #expect(feed.problems.isEmpty)
    }

    @Test("A pre-1.0 Atom draft namespace is read as Atom")
    func atomDraftNamespace() throws {
        let xml = """
            <feed xmlns="http://purl.org/atom/ns#draft-ietf-atompub-format-09"><title>Draft</title>
            <entry><title>E</title><link href="https://old.rose-ash.example/e"/><id>urn:e</id><updated>2005-06-01T00:00:00Z</updated></entry></feed>
            """
        let feed = try FeedParser.parse(data: Array(xml.utf8), feedURL: Self.feedURL, contentType: nil)
        #expect(feed.title == "Draft")
        #expect(feed.items.first?.link == "https://old.rose-ash.example/e")
    }

    @Test("An unknown encoding label falls back to the HTTP charset, then UTF-8, then windows-1252")
    func unknownEncodingLabelFallsBack() throws {
        func title(_ body: [UInt8], _ contentType: String?) throws -> String? {
            let head = Array(#"<?xml version="1.0" encoding="x-klingon"?><rss version="2.0"><channel><title>"#.utf8)
            return try FeedParser.parse(data: head + body + Array("</title></channel></rss>".utf8), feedURL: Self.feedURL, contentType: contentType)
                .title
        }
        #expect(try title([0x63, 0x61, 0x66, 0xC3, 0xA9], nil) == "café")
        #expect(try title([0x63, 0x61, 0x66, 0xE9, 0x20, 0x80], nil) == "café €")
        #expect(try title([0xCA, 0xE0, 0xF4, 0xE5], "text/xml; charset=windows-1251") == "Кафе")
    }
}
