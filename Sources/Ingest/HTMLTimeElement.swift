/// A `<time>` element of a page: its machine-readable value and where it stands.
struct HTMLTimeElement: Sendable, Equatable {
    /// The `datetime` attribute, else the element's text (WHATWG HTML, "The time element").
    var value: String
    /// Whether it has the `pubdate` attribute (an HTML5 draft marker of the publication date
    /// that publishing tools still write).
    var hasPubdate: Bool
    /// Whether an `<article>` element contains it.
    var isInArticle: Bool
    /// Whether it carries an `itemprop`: then it is read as microdata, for the property it
    /// names (a `dateModified` is no publication date).
    var hasItemprop: Bool = false
}
