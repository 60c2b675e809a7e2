/// What is being shared: the content item and the person's optional message.
package struct ShareContent: Sendable, Equatable {
    package var url: String
    package var title: String
    package var description: String?
    /// Public http(s) URL of an image (Instagram requires one).
    package var imageURL: String?
    /// A description of the image for people who cannot see it (Instagram `alt_text`).
    package var imageAlt: String?
    /// The person's own words; the link is appended by the platform client where needed.
    package var message: String?
    /// Stable per attempt: platforms that support it (Mastodon) deduplicate with it.
    package var idempotencyKey: String
    /// The content's language as a BCP 47 tag (`LanguageTag`), when the page declares one:
    /// Bluesky labels posts with it (`langs`).
    package var language: String?

    package init(
        url: String, title: String, description: String? = nil, imageURL: String? = nil, imageAlt: String? = nil, message: String? = nil,
        idempotencyKey: String, language: String? = nil
    ) {
        self.url = url
        self.title = title
        self.description = description
        self.imageURL = imageURL
        self.imageAlt = imageAlt
        self.message = message
        self.idempotencyKey = idempotencyKey
        self.language = language
    }
}
