/// `POST /_sandbox/instances` body.
struct InstanceLimits: Codable {
    var host: String
    var maxCharacters: Int
    enum CodingKeys: String, CodingKey { case host, maxCharacters = "max_characters" }
}
