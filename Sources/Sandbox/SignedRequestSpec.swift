/// `POST /_sandbox/signed_request` body.
struct SignedRequestSpec: Codable {
    var platform: Platform
    var clientID: String?
    var userID: String
    enum CodingKeys: String, CodingKey { case platform, clientID = "client_id", userID = "user_id" }
}
