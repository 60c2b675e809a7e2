/// `social_home.mustache`.
struct SocialHomeModel: Sendable {
    var layout: LayoutModel
    var userName: String
}
