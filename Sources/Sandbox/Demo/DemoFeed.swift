import Foundation

/// RSS 2.0 feed of an app's items (what a service without webhooks would poll).
enum DemoFeed {
    static func rss(kind: DemoAppKind, origin: String, items: [DemoItem]) -> String {
        let e = DemoEncoding.html
        let entries = items.map { item in
            let link = DemoURLs.page(origin: origin, kind: kind, slug: item.slug)
            let categories = item.tags.map { "<category>\(e($0))</category>" }.joined()
            return """
                <item><title>\(e(item.title))</title><link>\(e(link))</link>\
                <guid isPermaLink="true">\(e(link))</guid><description>\(e(item.summary))</description>\
                <pubDate>\(rfc822(item.publishedAt))</pubDate>\(categories)\
                <enclosure url="\(e(DemoURLs.image(origin: origin, slug: item.slug)))" type="image/svg+xml" length="0"/></item>
                """
        }.joined(separator: "\n")
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>
            <title>\(e(kind.siteName))</title><link>\(e(origin + "/"))</link>
            <description>\(e(kind.tagline))</description>
            <atom:link href="\(e(DemoURLs.feed(origin: origin)))" rel="self" type="application/rss+xml"/>
            \(entries)
            </channel></rss>
            """
    }

    static func rfc822(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 0)
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: date)
    }
}
