/// `POST /2/tweets` → `data` (twitter.md §5); `text` comes back with t.co links, so only `id` is kept.
struct TwitterTweet: Decodable {
    var id: String
}
