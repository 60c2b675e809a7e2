/// The Posts API body for an article share (docs/platforms/linkedin.md, "Posting"). LinkedIn does
/// not scrape the URL, so the title and description we send are what the card shows.
struct LinkedInPostBody: Encodable {
    struct Distribution: Encodable {
        var feedDistribution = "MAIN_FEED"
        var targetEntities: [String] = []
        var thirdPartyDistributionChannels: [String] = []
    }
    struct Article: Encodable {
        var source: String
        var title: String
        var description: String?
        /// An image URN from the Images API; LinkedIn takes no image URL here
        /// (docs/platforms/linkedin-images.md).
        var thumbnail: String?
    }
    struct Content: Encodable { var article: Article }

    var author: String
    var commentary: String
    var visibility = "PUBLIC"
    var distribution = Distribution()
    var content: Content
    var lifecycleState = "PUBLISHED"
    var isReshareDisabledByAuthor = false
}
