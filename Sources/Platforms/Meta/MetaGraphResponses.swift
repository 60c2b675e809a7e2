import Foundation

/// Answer shapes shared by the Meta clients (the Meta pages in docs/platforms/). Decoding is
/// strict on the fields a step needs, so a truncated or foreign body fails as `unreadable`.
package enum MetaGraphResponses {
    /// `{"access_token","token_type","expires_in"}` (docs/platforms/facebook.md and
    /// docs/platforms/threads.md, "Tokens").
    package struct Token: Decodable, Sendable {
        package var accessToken: String
        package var expiresIn: Int?
        /// Threads' code exchange also names the user (docs/platforms/threads.md, "Tokens").
        package var userID: MetaID?

        enum CodingKeys: String, CodingKey { case accessToken = "access_token", expiresIn = "expires_in", userID = "user_id" }
    }

    /// `{"id": …}` from creating a post, container or publish.
    package struct Created: Decodable, Sendable {
        package var id: MetaID
        /// Facebook answers it when asked with `fields=permalink_url` (docs/platforms/facebook.md, "Post links").
        package var permalinkURL: String?

        enum CodingKeys: String, CodingKey { case id, permalinkURL = "permalink_url" }
    }

    /// `{"permalink_url"}` / `{"permalink"}` of a published post.
    package struct Permalink: Decodable, Sendable {
        package var permalinkURL: String?
        package var permalink: String?

        enum CodingKeys: String, CodingKey { case permalinkURL = "permalink_url", permalink }
    }

    /// Container status: Instagram says `status_code`, Threads `status` (docs/platforms/instagram.md and
    /// docs/platforms/threads.md, "Container states").
    package struct ContainerStatus: Decodable, Sendable {
        package var statusCode: String?
        package var status: String?

        /// The state word, whichever field carried it.
        package var state: String? { statusCode ?? status.map { String($0.prefix { $0 != ":" }) } }

        enum CodingKeys: String, CodingKey { case statusCode = "status_code", status }
    }

    /// `/me` (identity or a health check).
    package struct Profile: Decodable, Sendable {
        package var id: MetaID
        package var name: String?
        package var username: String?
    }

    /// `{"success": true}`.
    package struct Success: Decodable, Sendable {
        package var success: Bool?
    }

    /// `debug_token` data (docs/platforms/facebook.md, "Tokens").
    package struct DebugToken: Decodable, Sendable {
        package struct Data: Decodable, Sendable {
            package var isValid: Bool?
            package var scopes: [String]?
            package var userID: MetaID?
            package var expiresAt: Int?
            /// The app the inspected token belongs to.
            package var appID: MetaID?

            enum CodingKeys: String, CodingKey {
                case isValid = "is_valid", scopes, userID = "user_id", expiresAt = "expires_at", appID = "app_id"
            }
        }

        package var data: Data
    }
}
