/// What kind of content a share button is for; passed through to the share page so it can pick
/// a fitting default message.
enum ShareContentType: String, Sendable, CaseIterable {
    case blogPost = "blog_post"
    case event
    case product
}
