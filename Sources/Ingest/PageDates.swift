import Foundation

/// Chooses a page's published and modified dates from every source that carries one
/// (README.md, "HTML metadata precedence"). Each list is tried in order and the first value
/// `DateParser.flexible` reads wins; an unreadable value counts as absent.
///
/// A page that gives only a modified date keeps `publishedAt` empty: the modified date is not
/// when the content appeared. `ContentMetadata.displayDate` offers it to consumers that need
/// one date to show.
enum PageDates {
    /// `<meta name=…>` spellings of the publication date used by CMSs and news sites
    /// (Dublin Core, Parse.ly, Sailthru and plain `date`).
    static let publishedMetaNames = [
        "date", "dc.date", "dc.date.issued", "dc.date.created", "dcterms.issued", "dcterms.created", "dcterms.date",
        "pubdate", "publishdate", "publish-date", "publish_date", "article.published", "parsely-pub-date",
        "sailthru.date",
    ]
    /// `<meta name=…>` spellings of the modification date.
    static let modifiedMetaNames = ["last-modified", "dcterms.modified", "dc.date.modified", "article.updated"]

    /// `article:published_time` › JSON-LD `datePublished`/`uploadDate` › microdata
    /// `datePublished`, `uploadDate`, `dateCreated` › `<meta name=date>` family › `<time>`:
    /// the first with `pubdate`, else the first inside an `<article>`, else the first at all
    /// (a `<time itemprop>` counts only as the microdata property it names).
    static func published(meta: MetaTagIndex, jsonLD: JSONLDFacts, snapshot: HTMLDocumentSnapshot) -> Date? {
        if let date = firstDate(meta.all("article:published_time")) ?? jsonLD.publishedAt { return date }
        for property in ["datepublished", "uploaddate", "datecreated"] {
            if let date = firstDate(microdata(property, in: snapshot)) { return date }
        }
        for name in publishedMetaNames {
            if let date = firstDate(meta.all(name)) { return date }
        }
        let times = snapshot.timeElements.filter { !$0.hasItemprop }
        return firstDate(times.filter(\.hasPubdate).map(\.value))
            ?? firstDate(times.filter(\.isInArticle).map(\.value))
            ?? firstDate(times.map(\.value))
    }

    /// `article:modified_time` › `og:updated_time` › JSON-LD `dateModified` › microdata
    /// `dateModified` › `<meta name=last-modified>` family.
    static func updated(meta: MetaTagIndex, jsonLD: JSONLDFacts, snapshot: HTMLDocumentSnapshot) -> Date? {
        if let date = firstDate(meta.all("article:modified_time") + meta.all("og:updated_time")) ?? jsonLD.updatedAt {
            return date
        }
        if let date = firstDate(microdata("datemodified", in: snapshot)) { return date }
        for name in modifiedMetaNames {
            if let date = firstDate(meta.all(name)) { return date }
        }
        return nil
    }

    private static func microdata(_ property: String, in snapshot: HTMLDocumentSnapshot) -> [String] {
        snapshot.microdata.filter { $0.names.contains(property) }.map(\.value)
    }

    private static func firstDate(_ values: [String]) -> Date? {
        values.lazy.compactMap { DateParser.flexible($0) }.first
    }
}
