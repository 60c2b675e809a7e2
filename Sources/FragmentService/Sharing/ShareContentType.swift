/// The kinds of content Rose Ash apps publish: in publish events, share links and rules.
enum ShareContentType: String, Sendable, CaseIterable {
    case blogPost = "blog_post"
    case event
    case product
}
