/// The syndication formats `FeedParser` understands.
package enum FeedFormat: String, Codable, Sendable, Equatable {
    /// RSS 0.9x / 2.0 (`<rss>`), including the content, dc and media namespaces.
    case rss
    /// RSS 1.0 (`<rdf:RDF>` with the `http://purl.org/rss/1.0/` namespace).
    case rdf
    /// Atom 1.0 (`<feed xmlns="http://www.w3.org/2005/Atom">`).
    case atom
    /// JSON Feed 1.0 or 1.1.
    case jsonFeed
}
