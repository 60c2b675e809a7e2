/// JSON body of `POST /rest/posts`, decoded by the sandbox's own types.
struct LinkedInPostBody: Decodable {
    struct Distribution: Decodable { var feedDistribution: String }
    struct Article: Decodable { var source: String?; var title: String?; var description: String?; var thumbnail: String? }
    struct Content: Decodable { var article: Article? }
    var author: String?
    var commentary: String?
    var visibility: String?
    var distribution: Distribution?
    var content: Content?
    var lifecycleState: String?
}
