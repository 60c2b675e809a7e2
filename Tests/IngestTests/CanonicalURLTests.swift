import Foundation
import Testing

@testable import Ingest

/// When `<link rel=canonical>` is believed (README, "HTML metadata precedence").
@Suite("Canonical URL")
struct CanonicalURLTests {
    func url(_ html: String, document: String = "https://news.rose-ash.example/2024/05/kiln?ref=feed") throws -> String {
        try HTMLMetadataExtractor.extract(html: Array(html.utf8), documentURL: URL(string: document)!, contentType: "text/html").url
    }

    @Test("A canonical link to another site loses to the page's own og:url")
    func crossSiteCanonicalLosesToOpenGraph() throws {
        #expect(
            try url(
                """
                <link rel="canonical" href="https://aggregator.example.org/story/123">
                <meta property="og:url" content="https://news.rose-ash.example/2024/05/kiln">
                """) == "https://news.rose-ash.example/2024/05/kiln")
    }

    @Test("A canonical link on the same site (any subdomain) wins over og:url")
    func sameSiteCanonicalWins() throws {
        #expect(
            try url(
                """
                <link rel="canonical" href="https://www.rose-ash.example/2024/05/kiln">
                <meta property="og:url" content="https://news.rose-ash.example/2024/05/kiln?utm=x">
                """) == "https://www.rose-ash.example/2024/05/kiln")
    }

    @Test("A canonical link on the site og:url names wins, as syndicated copies point both at the original")
    func canonicalOnOpenGraphSiteWins() throws {
        #expect(
            try url(
                """
                <link rel="canonical" href="https://blog.mara-quill.example/kiln">
                <meta property="og:url" content="https://mara-quill.example/kiln">
                """) == "https://blog.mara-quill.example/kiln")
    }

    @Test("Registrable domains under two-level public suffixes are told apart")
    func twoLevelSuffixes() throws {
        #expect(
            try url(
                """
                <link rel="canonical" href="https://other.co.uk/kiln"><meta property="og:url" content="https://www.rose-ash.co.uk/kiln">
                """, document: "https://www.rose-ash.co.uk/kiln?x=1") == "https://www.rose-ash.co.uk/kiln")
    }

    @Test("A canonical link to another site is used when the page gives no og:url")
    func crossSiteCanonicalWithoutOpenGraph() throws {
        #expect(try url(#"<link rel="canonical" href="https://mara-quill.example/kiln">"#) == "https://mara-quill.example/kiln")
    }
}
