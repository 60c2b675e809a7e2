import SocialCore

/// The `<meta>` and `<link>` tags of a page, indexed the way metadata extraction asks for them.
///
/// A meta tag is keyed by both its `property` and its `name` (lower-cased), because pages
/// mix them up: `<meta name="og:title">` and `<meta property="twitter:card">` are common.
struct MetaTagIndex: Sendable {
    private var values: [String: [String]] = [:]
    /// `(key, raw content)` in document order, for properties whose meaning depends on order.
    private var ordered: [(key: String, content: String)] = []
    private let links: [HTMLTag]

    /// Indexes `snapshot`'s meta and link tags.
    init(_ snapshot: HTMLDocumentSnapshot) {
        links = snapshot.linkTags
        for tag in snapshot.metaTags {
            guard let content = tag["content"] else { continue }
            var keys: [String] = []
            for attribute in ["property", "name", "itemprop"] {
                if let key = tag[attribute]?.trimmingWhitespace().lowercased(), !key.isEmpty, !keys.contains(key) {
                    keys.append(key)
                }
            }
            for key in keys {
                values[key, default: []].append(content)
                ordered.append((key, content))
            }
        }
    }

    /// The first non-blank, whitespace-normalised value for any of `keys`, tried in order.
    func first(_ keys: String...) -> String? {
        for key in keys {
            if let value = values[key]?.lazy.compactMap(\.normalisedWhitespace).first { return value }
        }
        return nil
    }

    /// Every non-blank, whitespace-normalised value for `key`, in document order.
    func all(_ key: String) -> [String] {
        values[key]?.compactMap(\.normalisedWhitespace) ?? []
    }

    /// The first `og:image` group: a URL (`og:image`, `og:image:url`, else
    /// `og:image:secure_url`) with the `width`, `height` and `alt` that follow it before the
    /// next image starts. URLs are raw; the caller resolves them.
    func openGraphImage() -> ContentImage? {
        var image: ContentImage?
        var secureURL: String?
        var aliasAllowed = false
        for (key, content) in ordered {
            let value = content.trimmingWhitespace()
            switch key {
            case "og:image:url" where aliasAllowed:
                // `og:image:url` right after `og:image` repeats the same image.
                aliasAllowed = false
            case "og:image", "og:image:url":
                if image != nil { return finish(image, secureURL) }
                image = ContentImage(url: value)
                aliasAllowed = key == "og:image"
            case "og:image:secure_url":
                if image == nil { image = ContentImage(url: "") }
                if secureURL == nil { secureURL = value }
            case "og:image:width": image?.width = BoundedNumber.int(value, in: ContentImage.plausiblePixels)
            case "og:image:height": image?.height = BoundedNumber.int(value, in: ContentImage.plausiblePixels)
            case "og:image:alt": image?.alt = value.normalisedWhitespace
            default: continue
            }
        }
        return finish(image, secureURL)
    }

    private func finish(_ image: ContentImage?, _ secureURL: String?) -> ContentImage? {
        guard var image else { return nil }
        if image.url.isEmpty, let secureURL { image.url = secureURL }
        return image.url.isEmpty ? nil : image
    }

    /// The `href` of the first `<link>` whose `rel` list contains `relation`.
    func linkHref(rel relation: String) -> String? {
        links.first { $0.tokens("rel").contains(relation) && $0["href"]?.trimmingWhitespace().isEmpty == false }?["href"]
    }
}
