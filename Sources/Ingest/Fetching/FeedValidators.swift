/// The validators of a previous fetch, sent back so an unchanged feed answers 304.
package struct FeedValidators: Sendable, Equatable, Codable {
    package var etag: String?
    package var lastModified: String?

    package init(etag: String?, lastModified: String?) {
        self.etag = etag
        self.lastModified = lastModified
    }
}
