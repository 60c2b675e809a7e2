/// Mastodon's error body `{"error": "…"}` (docs/platforms/mastodon.md, "Errors"). The text is a
/// validation or status sentence, never a token, so it may be shown (shortened) to the person.
struct MastodonErrorBody: Decodable {
    var error: String
}
