/// Namespace URIs the feed readers match on (never on prefixes, which publishers choose).
enum XMLNamespace {
    /// Atom 1.0.
    static let atom = "http://www.w3.org/2005/Atom"
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
}
