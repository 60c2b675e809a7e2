/// `GET /v2/userinfo` (docs/platforms/linkedin.md, "Identity"). Only `sub` is relied on; `locale`
/// is ignored because its shape varies.
struct LinkedInUserInfo: Decodable {
    var sub: String
    var name: String?
    var givenName: String?
    var familyName: String?

    enum CodingKeys: String, CodingKey { case sub, name, givenName = "given_name", familyName = "family_name" }
}
