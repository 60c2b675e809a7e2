/// The parts of an HTML document that metadata extraction reads, copied into Swift values.
///
/// `LibXML` builds it and frees the libxml2 document before returning, so nothing here
/// points into C memory and the snapshot is freely `Sendable`.
struct HTMLDocumentSnapshot: Sendable, Equatable {
    /// The `lang` attribute of the root `<html>` element, if any.
    var language: String?
    /// The `href` of the first `<base>` element that has one, unresolved.
    var baseHref: String?
    /// The text of the first `<title>` outside inline SVG, not yet whitespace-normalised.
    var title: String?
    /// Every `<meta>` element, in document order.
    var metaTags: [HTMLTag] = []
    /// Every `<link>` element, in document order.
    var linkTags: [HTMLTag] = []
    /// The raw text of every `<script type="application/ld+json">`, in document order.
    var jsonLDScripts: [String] = []
    /// The first `LibXML.maximumTimeElements` `<time>` elements, in document order.
    var timeElements: [HTMLTimeElement] = []
    /// The first `LibXML.maximumMicrodataProperties` date and author microdata properties,
    /// in document order.
    var microdata: [MicrodataProperty] = []
}
