/// `GET /2/users/me` → `data` (docs/platforms/twitter.md, "Identity"): `id`, `name`, `username`
/// are always present.
struct TwitterUser: Decodable {
    var id: String
    var name: String
    var username: String
}
