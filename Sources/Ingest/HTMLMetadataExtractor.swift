import Foundation

/// Extracts `ContentMetadata` from an HTML page's bytes, never touching the network.
///
/// The character set is chosen by `CharsetResolver` (BOM, HTTP header, `<meta>`, then UTF-8
/// validity) and the page is parsed by libxml2's recovering HTML parser, so broken markup
/// still yields metadata. All text is entity-decoded and whitespace-normalised; all URLs are
/// resolved against `<base href>` (itself resolved against the document URL) or the document
/// URL, and kept only when they are `http`/`https`.
///
/// When sources disagree, the first source in each list that gives a usable value wins.
/// The principle: the tags a publisher writes for sharing (Open Graph, then Twitter cards)
/// describe the page as it wants to be shown; JSON-LD comes next because it is structured but
/// often generated for search engines; microdata and plain HTML tags are the last resort.
/// README.md ("HTML metadata precedence") has the table; in short:
///
/// - url: a `<link rel=canonical>` on the same site as the document or `og:url` › `og:url` ›
///   any other canonical › JSON-LD `url`/`mainEntityOfPage` › document URL. A canonical link
///   to another site is how a page is claimed by somebody else's URL, so the page's own
///   `og:url` outranks it; without one it is still the best guess (syndicated copies).
/// - title: `og:title` › `twitter:title` › JSON-LD `headline`/`name` › `<title>`
/// - description: `og:description` › `twitter:description` › JSON-LD `description` ›
///   `<meta name=description>`
/// - image: `og:image` (with `og:image:width`/`height`/`alt`) › `twitter:image` (with
///   `twitter:image:alt`) › JSON-LD `image` (with `width`/`height`/`caption`) ›
///   `<link rel=image_src>`
/// - siteName: `og:site_name` › JSON-LD `publisher.name` or `WebSite.name` ›
///   `<meta name=application-name>`
/// - type: `og:type` › JSON-LD primary `@type` (Article family → `article`, Event → `event`,
///   Product → `product`, `…Page` → `website`, anything else lower-cased)
/// - locale: `og:locale` › JSON-LD `inLanguage` › `<html lang>`
/// - tags: the union, in this order, of `article:tag` › JSON-LD `keywords` ›
///   `<meta name=keywords>`; trimmed, de-duplicated case-insensitively (first spelling kept)
/// - event: JSON-LD only (first Event or Event subtype)
/// - product: JSON-LD `offers` when they give a price (the data search engines check), else
///   `product:price:amount`/`product:price:currency`/`product:availability` (or the `og:`
///   variants); taken as a block from one source so price and currency always match
/// - publishedAt, updatedAt: see `PageDates`.
/// - author: see `AuthorName` for cleaning; sources `article:author` › JSON-LD `author` ›
///   microdata `author` › `<meta name=author>` › `byl`/Dublin Core/Parse.ly/Sailthru meta ›
///   `twitter:creator`, where the first real name wins and a handle is the last resort.
///
/// The page passes through `HTMLMarkupBounds` before libxml2 (NULs, attribute count, depth)
/// and JSON-LD is bounded by `JSONLDReader`; past a bound extraction keeps what it read.
package enum HTMLMetadataExtractor {
    /// The largest page accepted by default (8 MiB); metadata lives in the head, so callers
    /// should fetch far less.
    package static let defaultMaximumBytes = 8 * 1024 * 1024

    /// Extracts metadata from `html`, the body of `documentURL` as served with the
    /// `contentType` header value (`nil` when unknown).
    ///
    /// - Throws: `IngestError.tooLarge` over `maximumBytes`; `IngestError.emptyDocument` when
    ///   there is nothing but whitespace.
    package static func extract(
        html: [UInt8], documentURL: URL, contentType: String?, maximumBytes: Int = defaultMaximumBytes
    ) throws(IngestError) -> ContentMetadata {
        guard html.count <= maximumBytes else {
            throw IngestError.tooLarge(byteCount: html.count, limit: maximumBytes)
        }
        guard html.contains(where: { !" \t\r\n\u{0C}".utf8.contains($0) }) else {
            throw IngestError.emptyDocument()
        }
        let decision = CharsetResolver.resolve(bytes: html, contentType: contentType)
        var body = decision.byteOrderMarkLength > 0 ? Array(html.dropFirst(decision.byteOrderMarkLength)) : html
        var encoding = decision.encoding
        if let utf8 = utf8(fromUTF16: body, encoding: encoding) {
            body = utf8
            encoding = "UTF-8"
        }
        if HTMLMarkupBounds.isASCIICompatible(encoding) { body = HTMLMarkupBounds.bounded(body) }
        let snapshot = LibXML.parseHTML(body, encoding: encoding)
        return merge(snapshot, documentURL: documentURL)
    }

    /// `Data` convenience for `extract(html:documentURL:contentType:maximumBytes:)`.
    package static func extract(
        html: Data, documentURL: URL, contentType: String?, maximumBytes: Int = defaultMaximumBytes
    ) throws(IngestError) -> ContentMetadata {
        try extract(html: [UInt8](html), documentURL: documentURL, contentType: contentType, maximumBytes: maximumBytes)
    }

    /// Applies the precedence rules above to an already parsed page.
    static func merge(_ snapshot: HTMLDocumentSnapshot, documentURL: URL) -> ContentMetadata {
        let meta = MetaTagIndex(snapshot)
        let jsonLD = JSONLDReader.read(snapshot.jsonLDScripts)
        let base = URLResolver.documentBase(baseHref: snapshot.baseHref, documentURL: documentURL)
        func resolve(_ reference: String?) -> String? { URLResolver.resolve(reference, against: base) }

        var metadata = ContentMetadata(
            url: pageURL(
                canonical: resolve(meta.linkHref(rel: "canonical")), openGraph: resolve(meta.first("og:url")),
                documentURL: documentURL)
                ?? resolve(jsonLD.url) ?? documentURL.absoluteString)
        metadata.title = meta.first("og:title", "twitter:title") ?? jsonLD.title ?? snapshot.title?.normalisedWhitespace
        metadata.description =
            meta.first("og:description", "twitter:description") ?? jsonLD.description ?? meta.first("description")
        metadata.image = image(meta: meta, jsonLD: jsonLD, resolve: resolve)
        metadata.siteName = meta.first("og:site_name") ?? jsonLD.siteName ?? meta.first("application-name")
        metadata.type = meta.first("og:type") ?? jsonLD.primaryType.map(contentType(forSchemaType:))
        metadata.locale = meta.first("og:locale") ?? jsonLD.language ?? snapshot.language?.normalisedWhitespace
        metadata.publishedAt = PageDates.published(meta: meta, jsonLD: jsonLD, snapshot: snapshot)
        metadata.updatedAt = PageDates.updated(meta: meta, jsonLD: jsonLD, snapshot: snapshot)
        metadata.author = author(meta: meta, jsonLD: jsonLD, snapshot: snapshot)
        metadata.tags = uniqueTags(
            meta.all("article:tag") + jsonLD.keywords
                + meta.all("keywords").flatMap { $0.split(separator: ",").map(String.init) })
        metadata.event = jsonLD.event
        metadata.product = product(meta: meta, jsonLD: jsonLD)
        return metadata
    }

    /// `<meta name=…>` spellings of a byline besides `author`: the New York Times' `byl`,
    /// Dublin Core, Parse.ly and Sailthru.
    static let bylineMetaNames = ["byl", "dc.creator", "dcterms.creator", "parsely-author", "sailthru.author"]

    private static func author(meta: MetaTagIndex, jsonLD: JSONLDFacts, snapshot: HTMLDocumentSnapshot) -> String? {
        let microdata = snapshot.microdata.filter { $0.names.contains("author") || $0.names.contains("creator") }
        var candidates = meta.all("article:author").compactMap(AuthorName.candidate)
        candidates += AuthorName.joined(jsonLD.authors)
        candidates += microdata.map(\.value).compactMap(AuthorName.candidate)
        candidates += (["author"] + bylineMetaNames).flatMap { meta.all($0) }.compactMap(AuthorName.candidate)
        candidates += meta.all("twitter:creator").compactMap(AuthorName.candidate)
        return AuthorName.choose(candidates)
    }

    /// The canonical link when it is on the same site as the document or `og:url`, else
    /// `og:url`, else the canonical link (see the type's documentation).
    static func pageURL(canonical: String?, openGraph: String?, documentURL: URL) -> String? {
        guard let canonical else { return openGraph }
        let document = documentURL.absoluteString
        if RegistrableDomain.sameSite(canonical, document) { return canonical }
        if let openGraph, !RegistrableDomain.sameSite(canonical, openGraph) { return openGraph }
        return canonical
    }

    /// UTF-16 pages as UTF-8, so that `HTMLMarkupBounds` can read them; `nil` for other
    /// encodings. Unpaired surrogates become U+FFFD, as in browsers.
    private static func utf8(fromUTF16 bytes: [UInt8], encoding: String) -> [UInt8]? {
        let littleEndian: Bool
        switch encoding.uppercased() {
        case "UTF-16LE", "UTF-16": littleEndian = true
        case "UTF-16BE": littleEndian = false
        default: return nil
        }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = 0
        while index + 1 < bytes.count {
            let (first, second) = (UInt16(bytes[index]), UInt16(bytes[index + 1]))
            units.append(littleEndian ? first | second << 8 : first << 8 | second)
            index += 2
        }
        return Array(String(decoding: units, as: UTF16.self).utf8)
    }

    private static func image(
        meta: MetaTagIndex, jsonLD: JSONLDFacts, resolve: (String?) -> String?
    ) -> ContentImage? {
        if var image = meta.openGraphImage(), let url = resolve(image.url) {
            image.url = url
            return image
        }
        if let url = resolve(meta.first("twitter:image", "twitter:image:src")) {
            return ContentImage(url: url, alt: meta.first("twitter:image:alt"))
        }
        if var image = jsonLD.image, let url = resolve(image.url) {
            image.url = url
            return image
        }
        return resolve(meta.linkHref(rel: "image_src")).map { ContentImage(url: $0) }
    }

    private static func product(meta: MetaTagIndex, jsonLD: JSONLDFacts) -> ProductDetails? {
        if let product = jsonLD.product, product.price != nil { return product }
        let openGraph = ProductDetails(
            price: meta.first("product:price:amount", "og:price:amount"),
            currency: meta.first("product:price:currency", "og:price:currency"),
            availability: meta.first("product:availability", "og:availability"))
        if openGraph.price != nil || openGraph.availability != nil { return openGraph }
        return jsonLD.product
    }

    /// Maps a schema.org type to the Open Graph vocabulary used by `ContentMetadata.type`.
    static func contentType(forSchemaType type: String) -> String {
        switch type {
        case "Article", "BlogPosting", "NewsArticle", "Report", "TechArticle", "ScholarlyArticle",
            "SocialMediaPosting", "LiveBlogPosting":
            return "article"
        case "Product", "ProductGroup", "IndividualProduct", "ProductModel": return "product"
        case _ where type.hasSuffix("Event"): return "event"
        case _ where type.hasSuffix("Page") || type == "WebSite": return "website"
        default: return type.lowercased()
        }
    }

    /// Trims, drops blanks and de-duplicates case-insensitively, keeping first spellings in order.
    static func uniqueTags(_ tags: [String]) -> [String] {
        var seen: Set<String> = []
        var result: [String] = []
        for tag in tags {
            guard let cleaned = tag.normalisedWhitespace, seen.insert(cleaned.lowercased()).inserted else { continue }
            result.append(cleaned)
        }
        return result
    }
}
