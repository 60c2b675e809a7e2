import Foundation

/// What a page's JSON-LD blocks say, before it is merged with the other sources.
///
/// Strings are cleaned (entities decoded, tags stripped, whitespace normalised); URLs are
/// still as written, because only the extractor knows the document's base.
struct JSONLDFacts: Sendable, Equatable {
    /// The primary object's first schema.org type, without any `schema:` or URL prefix.
    var primaryType: String?
    /// `headline`, else `name`, of the primary object.
    var title: String?
    /// `description` of the primary object.
    var description: String?
    /// `url`, else `mainEntityOfPage`, of the primary object, unresolved.
    var url: String?
    /// The primary object's image (`image`, else `thumbnailUrl`); the URL is unresolved.
    var image: ContentImage?
    /// `datePublished` (else `uploadDate`) of the primary object.
    var publishedAt: Date?
    /// `dateModified` of the primary object.
    var updatedAt: Date?
    /// Author names of the primary object, as written (not yet cleaned by `AuthorName`).
    var authors: [String] = []
    /// Author names of the primary object, joined with ", ".
    var author: String? { authors.isEmpty ? nil : authors.joined(separator: ", ") }
    /// `publisher.name` of the primary object, else the name of a `WebSite` object.
    var siteName: String?
    /// `inLanguage` of the primary object.
    var language: String?
    /// `keywords` of the primary object, split on commas when given as one string.
    var keywords: [String] = []
    /// The first `Event` (or Event subtype) object's details.
    var event: EventDetails?
    /// The first `Product` object's first offer.
    var product: ProductDetails?
    /// How many `ld+json` blocks were skipped because they were not valid JSON.
    var invalidBlockCount = 0
    /// How many `ld+json` blocks were skipped for size (`JSONLDReader.maximumBlockBytes`,
    /// `maximumTotalBytes`).
    var skippedForSize = 0
}
