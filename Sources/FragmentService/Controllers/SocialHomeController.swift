import Hummingbird

/// `GET /social/`: the signed-in person's social page. The connect, share and history surfaces
/// grow here; for now it greets the person and shows where accounts will appear.
struct SocialHomeController<Users: UserRepository>: Sendable {
    let users: Users
    let views: Views

    func addRoutes(to group: RouterGroup<SignedInContext>) {
        group.get("/", use: home)
    }

    @Sendable func home(_ request: Request, context: SignedInContext) async throws -> HTMLPage {
        let user = try await users.find(id: context.userID)
        let name = user?.displayName ?? context.userID
        let model = SocialHomeModel(
            layout: .signedIn(title: "Social accounts", userName: name, csrf: context.session.csrf, current: "/social/"),
            userName: name)
        return HTMLPage(html: try views.render(model, template: "social_home"))
    }
}
