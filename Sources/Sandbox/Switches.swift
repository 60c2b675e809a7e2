/// `POST /_sandbox/switches` body.
struct Switches: Codable {
    var linkedinRefreshTokens: Bool?
    var instagramFlatTokenResponse: Bool?
    enum CodingKeys: String, CodingKey {
        case linkedinRefreshTokens = "linkedin_refresh_tokens", instagramFlatTokenResponse = "instagram_flat_token_response"
    }
}
