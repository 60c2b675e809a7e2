/// `login.mustache`: the development login (when on) or where to sign in instead.
struct DevLoginModel: Sendable {
    struct DemoUser: Sendable {
        var id: String
        var name: String
    }

    var layout: LayoutModel
    var devLogin: Bool
    var next: String
    var users: [DemoUser]
}
