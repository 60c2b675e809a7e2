import Foundation

/// Reads the `<script type="application/ld+json">` blocks of a page into `JSONLDFacts`.
///
/// Each block may hold one object, an array of objects, or an object with an `@graph`
/// array; all are flattened into one list. `{"@id": …}` references are followed within that
/// list. A block that is not valid JSON (even after turning raw line breaks and tabs inside
/// strings into spaces, a common CMS mistake) is skipped and counted, never fatal.
///
/// The *primary* object, whose headline, dates and author describe the page, is the first
/// Article-like object (Article, BlogPosting, NewsArticle, …), else the first Event, else the
/// first Product, else the first web page object (`WebPage`, `ItemPage`, …), else the first
/// object that is not a supporting type (WebSite, Organization, Person, BreadcrumbList, …).
/// Media objects (VideoObject, AudioObject, …) rank after Product and before web pages, so a
/// video page's `uploadDate` describes it. When the primary object has no publication date, the
/// first other non-supporting object's `datePublished`/`uploadDate` is used.
///
/// Bounds (README.md, "Limits"): a block over `maximumBlockBytes`, or past
/// `maximumTotalBytes` of blocks, is skipped and counted in `skippedForSize`; only the first
/// `maximumObjects` objects are read. Foundation's JSON objects cost about 50 times the text,
/// so these keep a hostile page's JSON-LD to tens of megabytes while real pages (a few
/// kilobytes of JSON-LD, rarely 100 KB) are untouched.
enum JSONLDReader {
    /// The largest block parsed, in UTF-8 bytes.
    static let maximumBlockBytes = 256 * 1024
    /// The most bytes of JSON-LD parsed per page, over all blocks.
    static let maximumTotalBytes = 512 * 1024
    /// The most objects (after flattening arrays and `@graph`) read per page.
    static let maximumObjects = 5_000

    private static let articleTypes: Set<String> = [
        "Article", "BlogPosting", "NewsArticle", "Report", "TechArticle", "ScholarlyArticle",
        "SocialMediaPosting", "LiveBlogPosting", "OpinionNewsArticle", "ReportageNewsArticle",
        "AnalysisNewsArticle", "BackgroundNewsArticle", "ReviewNewsArticle", "Review", "Recipe",
    ]
    private static let productTypes: Set<String> = ["Product", "ProductGroup", "IndividualProduct", "ProductModel"]
    private static let mediaTypes: Set<String> = [
        "VideoObject", "AudioObject", "MediaObject", "PodcastEpisode", "Clip", "Movie", "Episode",
    ]
    private static let supportingTypes: Set<String> = [
        "WebSite", "Organization", "Person", "BreadcrumbList", "ListItem", "ImageObject",
        "SiteNavigationElement", "SearchAction", "Place", "PostalAddress", "Offer", "AggregateOffer",
    ]

    /// Reads every block in `scripts` (raw script texts, in document order).
    static func read(_ scripts: [String]) -> JSONLDFacts {
        var facts = JSONLDFacts()
        var objects: [[String: Any]] = []
        var totalBytes = 0
        for script in scripts {
            let size = script.utf8.count
            guard size <= maximumBlockBytes, size <= maximumTotalBytes - totalBytes else {
                facts.skippedForSize += 1
                continue
            }
            totalBytes += size
            guard objects.count < maximumObjects else { continue }
            guard let value = decode(script) else {
                facts.invalidBlockCount += 1
                continue
            }
            flatten(value, into: &objects)
        }
        guard !objects.isEmpty else { return facts }

        var index: [String: [String: Any]] = [:]
        for object in objects {
            if let id = object["@id"] as? String, object.count > 1, index[id] == nil { index[id] = object }
        }
        func resolve(_ value: Any?) -> Any? {
            if let object = value as? [String: Any], object.count == 1, let id = object["@id"] as? String {
                return index[id] ?? value
            }
            if let array = value as? [Any] { return array.map { resolve($0) ?? $0 } }
            return value
        }
        // Each object's types, worked out once: the searches below look at every object.
        let typed = objects.map { (object: $0, types: JSONLDValue.types(of: $0)) }
        func first(where matches: ([String]) -> Bool) -> [String: Any]? {
            typed.first { matches($0.types) }?.object
        }
        let isEvent: ([String]) -> Bool = { types in types.contains { $0.hasSuffix("Event") } }
        let isProduct: ([String]) -> Bool = { types in types.contains { productTypes.contains($0) } }
        let isSupporting: ([String]) -> Bool = { types in types.contains { supportingTypes.contains($0) } }

        let primary =
            first { types in types.contains { articleTypes.contains($0) } }
            ?? first(where: isEvent)
            ?? first(where: isProduct)
            ?? first { types in types.contains { mediaTypes.contains($0) } }
            ?? first { types in types.contains { $0.hasSuffix("Page") } }
            ?? first { !isSupporting($0) }

        if let primary {
            facts.primaryType = JSONLDValue.types(of: primary).first
            facts.title = JSONLDValue.text(primary["headline"]) ?? JSONLDValue.text(primary["name"])
            facts.description = JSONLDValue.text(primary["description"])
            facts.url = JSONLDValue.rawString(primary["url"]) ?? JSONLDValue.rawString(primary["mainEntityOfPage"])
            facts.image = JSONLDValue.image(resolve(primary["image"])) ?? JSONLDValue.image(primary["thumbnailUrl"])
            facts.publishedAt = publicationDate(of: primary)
            facts.updatedAt = DateParser.flexible(JSONLDValue.rawString(primary["dateModified"]))
            facts.authors = JSONLDValue.nameList(resolve(primary["author"]))
            facts.siteName = JSONLDValue.names(resolve(primary["publisher"]))
            facts.language = JSONLDValue.text(primary["inLanguage"])
            facts.keywords = JSONLDValue.keywords(primary["keywords"])
        }
        if facts.publishedAt == nil {
            facts.publishedAt = typed.lazy.filter { !isSupporting($0.types) }.compactMap { publicationDate(of: $0.object) }.first
        }
        if facts.siteName == nil, let site = first(where: { $0.contains("WebSite") }) {
            facts.siteName = JSONLDValue.text(site["name"])
        }
        if let event = first(where: isEvent) {
            facts.event = eventDetails(event, resolve: resolve)
        }
        if let product = first(where: isProduct) {
            facts.product = productDetails(product, resolve: resolve)
        }
        return facts
    }

    /// `datePublished`, else `uploadDate` (VideoObject), each only when readable.
    private static func publicationDate(of object: [String: Any]) -> Date? {
        DateParser.flexible(JSONLDValue.rawString(object["datePublished"]))
            ?? DateParser.flexible(JSONLDValue.rawString(object["uploadDate"]))
    }

    /// Parses one script text, tolerating HTML comment and CDATA wrappers and raw control
    /// characters inside strings. `nil` when it still is not JSON.
    static func decode(_ script: String) -> Any? {
        var text = script.trimmingWhitespace()
        guard !text.isEmpty else { return nil }
        // Most blocks are plain JSON: parse them as they are before any repair.
        if let value = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) {
            return value
        }
        for wrapper in ["<!--", "-->", "//<![CDATA[", "//]]>", "<![CDATA[", "]]>"] {
            text = text.replacingOccurrences(of: wrapper, with: "")
        }
        guard !text.trimmingWhitespace().isEmpty else { return nil }
        if let value = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) {
            return value
        }
        let relaxed = String(text.map { $0 == "\n" || $0 == "\r" || $0 == "\r\n" || $0 == "\t" ? " " : $0 })
        return try? JSONSerialization.jsonObject(with: Data(relaxed.utf8), options: [.fragmentsAllowed])
    }

    private static func flatten(_ value: Any, into objects: inout [[String: Any]]) {
        guard objects.count < maximumObjects else { return }
        if let array = value as? [Any] {
            for element in array {
                guard objects.count < maximumObjects else { return }
                flatten(element, into: &objects)
            }
        } else if let object = value as? [String: Any] {
            if object["@type"] != nil { objects.append(object) }
            if let graph = object["@graph"] { flatten(graph, into: &objects) }
        }
    }

    private static func eventDetails(_ event: [String: Any], resolve: (Any?) -> Any?) -> EventDetails {
        var details = EventDetails(
            startDate: DateParser.flexible(JSONLDValue.rawString(event["startDate"])),
            endDate: DateParser.flexible(JSONLDValue.rawString(event["endDate"])))
        let locations = resolve(event["location"])
        let location = (locations as? [Any])?.first ?? locations
        if let place = location as? [String: Any] {
            details.locationName = JSONLDValue.text(place["name"])
            details.address = JSONLDValue.address(resolve(place["address"]))
        } else {
            details.locationName = JSONLDValue.text(location)
        }
        return details
    }

    private static func productDetails(_ product: [String: Any], resolve: (Any?) -> Any?) -> ProductDetails {
        let offers = resolve(product["offers"])
        guard let offer = ((offers as? [Any])?.first ?? offers) as? [String: Any] else { return ProductDetails() }
        return ProductDetails(
            price: JSONLDValue.rawString(offer["price"] ?? offer["lowPrice"]),
            currency: JSONLDValue.text(offer["priceCurrency"]),
            availability: JSONLDValue.availability(offer["availability"]))
    }
}
