import Testing

@testable import Sandbox

/// The sandbox has one percent-encoder and one HTML escaper, and the encoder leaves only
/// RFC 3986 unreserved ASCII characters as they are.
@Suite struct EncodingTests {
    @Test func everyByteButUnreservedASCIIIsPercentEncoded() {
        #expect(FormCoding.encodeComponent("é ß&=+/~._-Az09") == "%C3%A9%20%C3%9F%26%3D%2B%2F~._-Az09")
        #expect(DemoEncoding.queryValue("é") == FormCoding.encodeComponent("é"))
        #expect(FormCoding.encode([("a b", "ü"), ("x", "1&2")]) == "a%20b=%C3%BC&x=1%262")
    }

    @Test func htmlIsEscapedOneWay() {
        #expect(HTML.escape(#"<a href="x">'&'</a>"#) == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
        #expect(DemoEncoding.html("<&>") == HTML.escape("<&>"))
    }
}
