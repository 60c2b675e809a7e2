/// JSON body of `POST /2/tweets`, decoded by the sandbox's own type.
struct TweetBody: Decodable {
    struct Media: Decodable { var media_ids: [String]? }
    var text: String?
    var media: Media?
}
