/// `POST /2/tweets` → `data` (docs/platforms/twitter.md, "Posting"); `text` comes back with t.co
/// links, so only `id` is kept.
struct TwitterTweet: Decodable {
    var id: String
}
