/// `GET /2/users/me` → `data` (twitter.md §4): `id`, `name`, `username` are always present.
struct TwitterUser: Decodable {
    var id: String
    var name: String
    var username: String
}
