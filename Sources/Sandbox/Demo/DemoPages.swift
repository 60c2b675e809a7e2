import Foundation

/// HTML for the demo apps' list and detail pages. Item data only reaches the markup through
/// `DemoEncoding.html`; the share-button fragment is the one piece inserted as returned (it is
/// the service's own escaped HTML), inside a marked slot.
enum DemoPages {
    private static func e(_ text: String) -> String { DemoEncoding.html(text) }

    static func layout(kind: DemoAppKind, title: String, head: String, body: String) -> String {
        """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(e(title))</title>
        \(head)
        <style>body{font-family:Georgia,serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#2b2118}
        img{max-width:100%;height:auto;border-radius:6px}.notice{padding:.6rem 1rem;border-radius:6px;background:#eef6ea}
        .notice.refused{background:#fbeaea}.meta{color:#6b5a4a}</style>
        </head><body>
        <header><a href="/">\(e(kind.siteName))</a> · <a href="/feed.xml">RSS</a></header>
        \(body)
        </body></html>
        """
    }

    /// The list page with the publish form.
    static func list(kind: DemoAppKind, origin: String, items: [DemoItem]) -> String {
        let entries = items.map { item in
            """
            <li class="item"><a href="\(e(DemoURLs.pagePath(kind: kind, slug: item.slug)))">\(e(item.title))</a>
            <span class="meta">\(e(listMeta(kind: kind, item: item)))</span><br>\(e(item.summary))</li>
            """
        }.joined(separator: "\n")
        let head = """
            <link rel="alternate" type="application/rss+xml" title="\(e(kind.siteName))" href="\(e(DemoURLs.feed(origin: origin)))">
            <meta name="description" content="\(e(kind.tagline))">
            """
        return layout(
            kind: kind, title: kind.siteName, head: head,
            body: """
                <h1>\(e(kind.siteName))</h1>
                <p>\(e(kind.tagline))</p>
                <form method="post" action="/publish" id="publish-form">
                <button type="submit">\(e(kind.publishLabel))</button>
                </form>
                <ul id="items">
                \(entries)
                </ul>
                """)
    }

    /// A detail page: Open Graph, Twitter card, canonical link, JSON-LD and the share slot.
    static func detail(
        kind: DemoAppKind, origin: String, item: DemoItem, shareButton: String?, outcome: PublishOutcome?
    ) -> String {
        let pageURL = DemoURLs.page(origin: origin, kind: kind, slug: item.slug)
        let imageURL = DemoURLs.image(origin: origin, slug: item.slug)
        let head = """
            <link rel="canonical" href="\(e(pageURL))">
            <meta name="description" content="\(e(item.summary))">
            <meta property="og:type" content="\(e(kind.openGraphType))">
            <meta property="og:site_name" content="\(e(kind.siteName))">
            <meta property="og:title" content="\(e(item.title))">
            <meta property="og:description" content="\(e(item.summary))">
            <meta property="og:image" content="\(e(imageURL))">
            <meta property="og:image:width" content="600">
            <meta property="og:image:height" content="315">
            <meta property="og:image:alt" content="\(e(DemoURLs.imageAlt))">
            <meta property="og:url" content="\(e(pageURL))">
            <meta name="twitter:card" content="summary_large_image">
            <meta name="twitter:title" content="\(e(item.title))">
            <meta name="twitter:description" content="\(e(item.summary))">
            <meta name="twitter:image" content="\(e(imageURL))">
            \(DemoJSONLD.script(kind: kind, item: item, pageURL: pageURL, imageURL: imageURL))
            """
        let notice =
            outcome.map {
                "<p class=\"notice \($0.isAccepted ? "accepted" : "refused")\" id=\"publish-outcome\">\(e($0.message))</p>"
            } ?? ""
        let slot =
            shareButton.map {
                "<div class=\"share-slot\" id=\"share-button-slot\">\n<!-- share-button fragment (from the social service) -->\n\($0)\n<!-- /share-button fragment -->\n</div>"
            } ?? "<!-- share-button fragment unavailable -->"
        let paragraphs = item.paragraphs.map { "<p>\(e($0))</p>" }.joined(separator: "\n")
        let tags = item.tags.map { "<li>\(e($0))</li>" }.joined()
        return layout(
            kind: kind, title: "\(item.title) — \(kind.siteName)", head: head,
            body: """
                \(notice)
                <article id="item-\(e(item.slug))">
                <h1>\(e(item.title))</h1>
                <p class="meta">\(e(detailMeta(kind: kind, item: item)))</p>
                <img src="\(e(DemoURLs.cardImage(origin: origin, slug: item.slug)))" alt="\(e(item.title))" width="600" height="315">
                <p class="summary">\(e(item.summary))</p>
                \(paragraphs)
                <ul class="tags">\(tags)</ul>
                \(slot)
                </article>
                """)
    }

    static func listMeta(kind: DemoAppKind, item: DemoItem) -> String {
        switch kind {
        case .blog: "— \(day(item.publishedAt))"
        case .events: item.event.map { "— \(day($0.startDate)), \($0.venueName)" } ?? ""
        case .market: item.product.map { "— \(price($0))" } ?? ""
        }
    }

    static func detailMeta(kind: DemoAppKind, item: DemoItem) -> String {
        switch kind {
        case .blog: "By \(item.authorName), \(day(item.publishedAt))"
        case .events:
            item.event.map { "\(day($0.startDate)) \(time($0.startDate))–\(time($0.endDate)) UTC · \($0.venueName), \($0.venueAddress)" } ?? ""
        case .market:
            item.product.map { "\(price($0)) · \($0.inStock ? "In stock" : "Out of stock")" } ?? ""
        }
    }

    static func price(_ product: DemoProductDetails) -> String {
        (product.currency == "GBP" ? "£" : product.currency + " ") + product.price
    }

    static func day(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle().year().month().day())
    }

    static func time(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle().time(includingFractionalSeconds: false)).prefix(5).description
    }
}
