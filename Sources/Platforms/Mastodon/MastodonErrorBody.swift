/// Mastodon's error body `{"error": "…"}` (mastodon.md §9). The text is a validation or status
/// sentence, never a token, so it may be shown (shortened) to the person.
struct MastodonErrorBody: Decodable {
    var error: String
}
