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
/// often generated for search engines; plain HTML tags are the last resort.
///
/// - url: `<link rel=canonical>` › `og:url` › JSON-LD `url`/`mainEntityOfPage` › document URL
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
/// - publishedAt: `article:published_time` › JSON-LD `datePublished`
/// - updatedAt: `article:modified_time` › `og:updated_time` › JSON-LD `dateModified`
/// - author: `article:author` (unless it is a URL, as the spec intends) › JSON-LD `author` ›
///   `<meta name=author>` › `twitter:creator`
/// - tags: the union, in this order, of `article:tag` › JSON-LD `keywords` ›
///   `<meta name=keywords>`; trimmed, de-duplicated case-insensitively (first spelling kept)
/// - event: JSON-LD only (first Event or Event subtype)
/// - product: JSON-LD `offers` when they give a price (the data search engines check), else
///   `product:price:amount`/`product:price:currency`/`product:availability` (or the `og:`
///   variants); taken as a block from one source so price and currency always match
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
        let body = decision.byteOrderMarkLength > 0 ? Array(html.dropFirst(decision.byteOrderMarkLength)) : html
        let snapshot = LibXML.parseHTML(body, encoding: decision.encoding)
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
            url: resolve(meta.linkHref(rel: "canonical")) ?? resolve(meta.first("og:url"))
                ?? resolve(jsonLD.url) ?? documentURL.absoluteString)
        metadata.title = meta.first("og:title", "twitter:title") ?? jsonLD.title ?? snapshot.title?.normalisedWhitespace
        metadata.description =
            meta.first("og:description", "twitter:description") ?? jsonLD.description ?? meta.first("description")
        metadata.image = image(meta: meta, jsonLD: jsonLD, resolve: resolve)
        metadata.siteName = meta.first("og:site_name") ?? jsonLD.siteName ?? meta.first("application-name")
        metadata.type = meta.first("og:type") ?? jsonLD.primaryType.map(contentType(forSchemaType:))
        metadata.locale = meta.first("og:locale") ?? jsonLD.language ?? snapshot.language?.normalisedWhitespace
        metadata.publishedAt = DateParser.flexible(meta.first("article:published_time")) ?? jsonLD.publishedAt
        metadata.updatedAt =
            DateParser.flexible(meta.first("article:modified_time", "og:updated_time")) ?? jsonLD.updatedAt
        let articleAuthor = meta.all("article:author").first { value in
            !value.lowercased().hasPrefix("http://") && !value.lowercased().hasPrefix("https://") && !value.hasPrefix("/")
        }
        metadata.author = articleAuthor ?? jsonLD.author ?? meta.first("author") ?? meta.first("twitter:creator")
        metadata.tags = uniqueTags(
            meta.all("article:tag") + jsonLD.keywords
                + meta.all("keywords").flatMap { $0.split(separator: ",").map(String.init) })
        metadata.event = jsonLD.event
        metadata.product = product(meta: meta, jsonLD: jsonLD)
        return metadata
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
