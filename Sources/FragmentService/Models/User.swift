/// A person, identified by the host platform (Rose Ash's account service).
struct User: Sendable, Equatable, Codable {
    var id: String
    var displayName: String?

    enum CodingKeys: String, CodingKey {
        case id
        case displayName = "display_name"
    }
}
