import Foundation

/// One entry of `/me/accounts` (docs/platforms/facebook.md, "Pages and Page tokens"). Its `access_token` is a
/// secret.
package struct FacebookPage: Decodable, Sendable {
    package var id: String
    package var name: String
    package var accessToken: String
    package var tasks: [String]?

    enum CodingKeys: String, CodingKey { case id, name, accessToken = "access_token", tasks }
}
