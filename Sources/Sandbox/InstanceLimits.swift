/// `POST /_sandbox/instances` body: per-instance limit and/or server software (NOTES.md).
struct InstanceLimits: Codable {
    var host: String
    var maxCharacters: Int?
    var software: MastodonSoftware?
    enum CodingKeys: String, CodingKey { case host, maxCharacters = "max_characters", software }
}
