import Foundation
import Testing

@testable import Ingest

/// Character set detection (BOM, HTTP header, meta tag, UTF-8 validity) and transcoding.
@Suite("Character sets")
struct CharsetTests {
    static let url = URL(string: "https://rose-ash.example/page")!

    func extract(_ fixture: String, contentType: String?) throws -> ContentMetadata {
        try HTMLMetadataExtractor.extract(html: Fixture.bytes("html/" + fixture), documentURL: Self.url, contentType: contentType)
    }

    @Test("A page declaring ISO-8859-1 is decoded as windows-1252, so 0x93/0x94/0x85 become curly quotes and an ellipsis")
    func latin1DecodesAsWindows1252() throws {
        let metadata = try extract("latin1.html", contentType: "text/html")
        #expect(metadata.title == "Café crème at the kiln “open day”…")
        #expect(metadata.description == "Naïve glazes, smørrebrød and ½-price seconds")
    }

    @Test("A windows-1252 http-equiv declaration decodes €, dashes and curly quotes")
    func windows1252() throws {
        let metadata = try extract("windows-1252.html", contentType: nil)
        #expect(metadata.title == "Seconds sale – every mug €5 — ‘while they last’")
        #expect(metadata.description == "Tickets €12 • “bring a bag”")
    }

    @Test("A Shift_JIS page is transcoded to UTF-8 Japanese text")
    func shiftJIS() throws {
        let metadata = try extract("shift_jis.html", contentType: nil)
        #expect(metadata.title == "薄灰の窯\u{3000}春の穴窯焼成")
        #expect(metadata.description == "薪を三トン、五日間焼きました。")
    }

    @Test("The HTTP header charset decodes a page that declares nothing itself")
    func headerOnly() throws {
        let metadata = try extract("header-only-1252.html", contentType: "text/html; charset=\"ISO-8859-1\"")
        #expect(metadata.title == "Crème brûlée – €4")
    }

    @Test("Without any declaration, bytes that are not valid UTF-8 fall back to windows-1252")
    func invalidUTF8FallsBackToWindows1252() throws {
        let metadata = try extract("header-only-1252.html", contentType: nil)
        #expect(metadata.title == "Crème brûlée – €4")
    }

    @Test("The HTTP header charset wins over a conflicting <meta charset>")
    func headerBeatsMeta() throws {
        let html = Array(#"<meta charset="windows-1252"><title>Café ☕</title>"#.utf8)
        let metadata = try HTMLMetadataExtractor.extract(html: html, documentURL: Self.url, contentType: "text/html; charset=UTF-8")
        #expect(metadata.title == "Café ☕")
    }

    @Test("A UTF-8 byte-order mark wins over a meta tag and a header that claim ISO-8859-1")
    func byteOrderMarkWins() throws {
        let metadata = try extract("utf8-bom.html", contentType: "text/html; charset=iso-8859-1")
        #expect(metadata.title == "Café ☕ — BOM wins")
    }

    @Test("A UTF-16LE page with a BOM is transcoded")
    func utf16() throws {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "<title>Ōsaka ✓</title>".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let metadata = try HTMLMetadataExtractor.extract(html: bytes, documentURL: Self.url, contentType: nil)
        #expect(metadata.title == "Ōsaka ✓")
    }

    @Test("Resolver order and sources: BOM, header, meta, UTF-8 validity, fallback")
    func resolverSources() {
        let meta = Array(#"<html><head><meta http-equiv="content-type" content="text/html; charset=Shift_JIS">"#.utf8)
        #expect(CharsetResolver.resolve(bytes: meta, contentType: nil) == .init(encoding: "CP932", source: .metaTag, byteOrderMarkLength: 0))
        #expect(CharsetResolver.resolve(bytes: meta, contentType: "text/html;charset=utf-8").source == .httpHeader)
        #expect(CharsetResolver.resolve(bytes: [0xEF, 0xBB, 0xBF] + meta, contentType: "text/html;charset=latin1").source == .byteOrderMark)
        #expect(CharsetResolver.resolve(bytes: Array("plain ✓".utf8), contentType: nil).source == .utf8Validity)
        #expect(
            CharsetResolver.resolve(bytes: [0x41, 0xE9], contentType: nil)
                == .init(encoding: "WINDOWS-1252", source: .fallback, byteOrderMarkLength: 0))
    }

    @Test("Unknown charset labels are ignored in favour of the next source")
    func unknownLabelIgnored() {
        let bytes = Array(#"<meta charset="x-made-up">"#.utf8)
        #expect(CharsetResolver.resolve(bytes: bytes, contentType: "text/html; charset=klingon").source == .utf8Validity)
    }

    @Test("A meta tag claiming UTF-16 on ASCII-compatible bytes means UTF-8")
    func metaUTF16MeansUTF8() {
        let bytes = Array(#"<meta charset="utf-16">"#.utf8)
        #expect(CharsetResolver.resolve(bytes: bytes, contentType: nil).encoding == "UTF-8")
    }

    @Test("The meta prescan skips attributes that merely mention charset")
    func prescanSkipsLookalikes() {
        let bytes = Array(#"<meta name="description" content="charsets explained"><meta charset='euc-jp'>"#.utf8)
        #expect(CharsetResolver.metaCharset(in: bytes) == "euc-jp")
    }

    @Test("The charset parameter is read from Content-Type with quotes and odd spacing")
    func contentTypeParameter() {
        #expect(CharsetResolver.charset(fromContentType: #"text/html ; Charset = "Windows-1252" "#) == "Windows-1252")
        #expect(CharsetResolver.charset(fromContentType: "text/html") == nil)
        #expect(CharsetResolver.charset(fromContentType: nil) == nil)
    }
}
