import Foundation

/// How a client proves itself at a token or revoke endpoint (RFC 6749 §2.3). Platforms differ:
/// X confidential clients must use Basic (docs/platforms/twitter.md, "Token endpoint"); LinkedIn
/// and Mastodon take the credentials in the form body (linkedin.md "Token endpoint", mastodon.md "Token").
package enum OAuthClientAuthentication: Sendable, Equatable {
    /// `Authorization: Basic base64(client_id:client_secret)`; no secret in the body.
    case basic
    /// `client_id` and `client_secret` as form fields (`client_secret_post`).
    case formBody

    /// The form fields and headers that carry `clientID`/`clientSecret` this way. A missing
    /// secret means a public client: only `client_id` goes in the body.
    package func apply(clientID: String, clientSecret: String?) -> (fields: [(String, String)], headers: [(String, String)]) {
        guard let clientSecret else { return ([("client_id", clientID)], []) }
        switch self {
        case .basic:
            // RFC 6749 §2.3.1: form-encode each part before joining with ':'.
            let pair = "\(FormEncoding.escape(clientID)):\(FormEncoding.escape(clientSecret))"
            return ([], [("Authorization", "Basic " + Data(pair.utf8).base64EncodedString())])
        case .formBody:
            return ([("client_id", clientID), ("client_secret", clientSecret)], [])
        }
    }
}
