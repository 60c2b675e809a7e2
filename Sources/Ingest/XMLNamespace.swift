/// Namespace URIs the feed readers match on (never on prefixes, which publishers choose).
enum XMLNamespace {
    /// Atom 1.0.
    static let atom = "http://www.w3.org/2005/Atom"
    /// Atom 0.3 (and 0.2); pre-1.0 IETF drafts append `draft-ietf-atompub-format-NN` to it.
    static let atom03 = "http://purl.org/atom/ns#"
    /// Namespaces of Atom's pre-0.3 drafts (Echo, Pie), as feedparser lists them.
    static let atomDrafts: Set<String> = [
        "http://example.com/newformat#", "http://example.com/necho", "http://purl.org/echo/", "uri/of/echo/namespace#",
        "http://purl.org/pie/",
    ]
    /// RSS 0.90 elements (`<rdf:RDF>` documents from 1999).
    static let rss090 = "http://my.netscape.com/rdf/simple/0.9/"
    /// Apple's podcast namespace (`itunes:subtitle`, `itunes:summary`, `itunes:author`).
    static let itunes = "http://www.itunes.com/dtds/podcast-1.0.dtd"
    /// RSS 1.0 elements.
    static let rss1 = "http://purl.org/rss/1.0/"
    /// RDF, the root of RSS 1.0 documents.
    static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    /// RSS `content` module (`content:encoded`).
    static let content = "http://purl.org/rss/1.0/modules/content/"
    /// Dublin Core elements (`dc:creator`, `dc:date`, `dc:subject`).
    static let dublinCore = "http://purl.org/dc/elements/1.1/"
    /// Media RSS as published; some feeds omit the trailing slash, so both are accepted.
    static let media = ["http://search.yahoo.com/mrss/", "http://search.yahoo.com/mrss"]

    /// Whether `namespace` is Atom 1.0, Atom 0.3 or a pre-1.0 Atom draft.
    static func isAtom(_ namespace: String) -> Bool {
        namespace == atom || namespace.hasPrefix(atom03) || atomDrafts.contains(namespace)
    }
}
