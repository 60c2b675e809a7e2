import Platforms
/// `fragments/share_button.mustache`: the link to the share page and its accessible name.
struct ShareButtonModel: Sendable {
    /// The share page with every parameter percent-encoded (Mustache HTML-escapes the `&`s).
    var href: String
    /// The accessible name: `Share “Title”`, or `Share this page` without a title. It starts
    /// with the visible word so voice control users can say what they see (WCAG 2.5.3).
    var label: String

    /// The model for `parameters`, linking to `shareEndpoint` (such as
    /// `https://account.rose-ash.com/social/share/`). Absent parameters are left out.
    init(_ parameters: ShareParameters, shareEndpoint: String) {
        var pairs = [("url", parameters.url)]
        if let title = parameters.title { pairs.append(("title", title)) }
        if let description = parameters.description { pairs.append(("description", description)) }
        if let image = parameters.image { pairs.append(("image", image)) }
        if let type = parameters.type { pairs.append(("type", type.rawValue)) }
        href = shareEndpoint + "?" + FormEncoding.encode(pairs)
        label = parameters.title.map { "Share “\($0)”" } ?? "Share this page"
    }
}
