import Foundation

/// schema.org JSON-LD for detail pages: BlogPosting, Event (startDate, location) or Product
/// (offers with price, priceCurrency and availability).
enum DemoJSONLD {
    static func object(kind: DemoAppKind, item: DemoItem, pageURL: String, imageURL: String) -> [String: Any] {
        let iso = Date.ISO8601FormatStyle()
        var object: [String: Any] = [
            "@context": "https://schema.org",
            "@type": kind.schemaType,
            "url": pageURL,
            "image": imageURL,
            "description": item.summary,
        ]
        switch kind {
        case .blog:
            object["headline"] = item.title
            object["datePublished"] = item.publishedAt.formatted(iso)
            object["author"] = ["@type": "Person", "name": item.authorName]
            object["keywords"] = item.tags.joined(separator: ", ")
            object["mainEntityOfPage"] = pageURL
        case .events:
            object["name"] = item.title
            if let event = item.event {
                object["startDate"] = event.startDate.formatted(iso)
                object["endDate"] = event.endDate.formatted(iso)
                object["eventStatus"] = "https://schema.org/EventScheduled"
                object["eventAttendanceMode"] = "https://schema.org/OfflineEventAttendanceMode"
                object["location"] =
                    [
                        "@type": "Place", "name": event.venueName,
                        "address": ["@type": "PostalAddress", "streetAddress": event.venueAddress],
                    ] as [String: Any]
            }
            object["organizer"] = ["@type": "Organization", "name": item.authorName]
        case .market:
            object["name"] = item.title
            object["brand"] = ["@type": "Brand", "name": item.authorName]
            if let product = item.product {
                object["offers"] = [
                    "@type": "Offer", "url": pageURL, "price": product.price,
                    "priceCurrency": product.currency, "availability": product.availability,
                ]
            }
        }
        return object
    }

    /// The `<script type="application/ld+json">` element.
    static func script(kind: DemoAppKind, item: DemoItem, pageURL: String, imageURL: String) -> String {
        let object = object(kind: kind, item: item, pageURL: pageURL, imageURL: imageURL)
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        let json = DemoEncoding.scriptJSON(String(decoding: data, as: UTF8.self))
        return "<script type=\"application/ld+json\">\(json)</script>"
    }
}
