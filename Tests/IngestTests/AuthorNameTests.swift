import Foundation
import Testing

@testable import Ingest

/// Which author a page names, and how it is cleaned.
@Suite("Author names")
struct AuthorNameTests {
    static let pageURL = URL(string: "https://news.rose-ash.example/2024/05/kiln")!

    func author(_ html: String) throws -> String? {
        try HTMLMetadataExtractor.extract(html: Array(html.utf8), documentURL: Self.pageURL, contentType: "text/html").author
    }

    @Test(
        "A leading By is removed from the author's name",
        arguments: [
            #"<meta name="author" content="By Will Smale">"#,
            #"<meta name="author" content="by: Will Smale">"#,
            #"<meta name="author" content="BY  Will Smale">"#,
            #"<script type="application/ld+json">{"@type": "NewsArticle", "author": {"@type": "Person", "name": "By Will Smale"}}</script>"#,
        ])
    func leadingByIsRemoved(_ tag: String) throws {
        #expect(try author("<title>t</title>" + tag) == "Will Smale")
    }

    @Test("A name that only starts with the letters by is kept whole")
    func byInsideANameIsKept() throws {
        #expect(try author(#"<meta name="author" content="Byron Hale">"#) == "Byron Hale")
        #expect(try author(#"<meta name="author" content="By">"#) == nil)
    }

    @Test("A real name wins over a Twitter handle, wherever each is given")
    func realNameWinsOverHandle() throws {
        #expect(
            try author(
                """
                <meta property="article:author" content="@wsmale"><meta name="twitter:creator" content="@wsmale">
                <script type="application/ld+json">{"@type": "NewsArticle", "author": {"name": "Will Smale"}}</script>
                """) == "Will Smale")
        #expect(
            try author(
                """
                <meta name="twitter:creator" content="@wsmale"><meta name="author" content="@wsmale">
                <div itemprop="author" itemscope><span itemprop="name">Will Smale</span></div>
                """) == "Will Smale")
        #expect(
            try author(#"<meta name="twitter:creator" content="@wsmale"><meta name="byl" content="By Will Smale">"#)
                == "Will Smale")
    }

    @Test("A Twitter handle is the author when no source gives a real name")
    func handleIsTheLastResort() throws {
        #expect(try author(#"<meta name="twitter:creator" content="@wsmale">"#) == "@wsmale")
    }

    @Test(
        "A bare domain or scheme-less profile URL is not an author's name",
        arguments: [
            "example.com", "www.facebook.com/willsmale", "facebook.com/willsmale", "https://www.facebook.com/willsmale",
        ])
    func domainIsNotAName(_ value: String) throws {
        #expect(try author(#"<meta property="article:author" content="\#(value)">"#) == nil)
        #expect(
            try author(#"<meta property="article:author" content="\#(value)"><meta name="author" content="Will Smale">"#)
                == "Will Smale")
    }

    @Test("Names with dots and initials stay names")
    func initialsStayNames() throws {
        #expect(try author(#"<meta name="author" content="J.R.R. Tolkien">"#) == "J.R.R. Tolkien")
        #expect(try author(#"<meta name="author" content="W. Smale">"#) == "W. Smale")
    }
}
