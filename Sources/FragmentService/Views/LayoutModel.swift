/// What `layout.mustache` needs: the page title, the signed-in person and the nav.
struct LayoutModel: Sendable {
    struct NavLink: Sendable {
        var label: String
        var href: String
        var current: Bool
    }

    var title: String
    var userName: String?
    var csrf: String
    var nav: [NavLink]

    /// The nav for a signed-in person; `current` marks the page's own entry.
    static func signedIn(title: String, userName: String, csrf: String, current: String) -> LayoutModel {
        let links = [("Social", "/social/"), ("Share rules", "/social/rules/"), ("Share history", "/social/history/")]
        return LayoutModel(
            title: title, userName: userName, csrf: csrf,
            nav: links.map { NavLink(label: $0.0, href: $0.1, current: $0.1 == current) })
    }

    /// The layout for pages seen before signing in.
    static func visitor(title: String, csrf: String) -> LayoutModel {
        LayoutModel(title: title, userName: nil, csrf: csrf, nav: [])
    }
}
