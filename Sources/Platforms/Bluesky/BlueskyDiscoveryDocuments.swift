import Foundation

/// A DID document, only the parts used (docs/platforms/bluesky.md, "Identity").
struct BlueskyDIDDocument: Decodable {
    struct Service: Decodable {
        var id: String
        var type: String?
        var serviceEndpoint: String?

        enum CodingKeys: String, CodingKey { case id, type, serviceEndpoint }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            id = try c.decode(String.self, forKey: .id)
            type = try? c.decodeIfPresent(String.self, forKey: .type)
            // `serviceEndpoint` may be a map or a list in DID documents; only a string is a PDS URL.
            serviceEndpoint = try? c.decodeIfPresent(String.self, forKey: .serviceEndpoint)
        }
    }

    var id: String
    var alsoKnownAs: [String]?
    var service: [Service]?

    /// The `#atproto_pds` service endpoint (the id may be written relative or absolute).
    func pdsEndpoint() -> String? {
        service?.first {
            ($0.id == "#atproto_pds" || $0.id == id + "#atproto_pds") && ($0.type ?? "AtprotoPersonalDataServer") == "AtprotoPersonalDataServer"
        }?
        .serviceEndpoint
    }

    /// The first `at://` alias, the handle the DID claims.
    func claimedHandle() -> String? {
        alsoKnownAs?.lazy.filter { $0.hasPrefix("at://") }.map { String($0.dropFirst(5)).lowercased() }.first { BlueskyIdentifier.isHandle($0) }
    }
}

/// RFC 9728 protected-resource metadata of a PDS.
struct BlueskyProtectedResource: Decodable {
    var authorizationServers: [String]?
    enum CodingKeys: String, CodingKey { case authorizationServers = "authorization_servers" }
}

/// RFC 8414 authorization-server metadata, the endpoints used (docs/platforms/bluesky.md, "Server metadata").
struct BlueskyServerMetadataDocument: Decodable {
    var issuer: String
    var authorizationEndpoint: String
    var tokenEndpoint: String
    var pushedAuthorizationRequestEndpoint: String?
    var revocationEndpoint: String?

    enum CodingKeys: String, CodingKey {
        case issuer, authorizationEndpoint = "authorization_endpoint", tokenEndpoint = "token_endpoint"
        case pushedAuthorizationRequestEndpoint = "pushed_authorization_request_endpoint", revocationEndpoint = "revocation_endpoint"
    }
}

/// An authorization server's endpoints, checked: every one https on the issuer's own host.
struct BlueskyAuthorizationServer: Sendable {
    var issuer: URL
    var authorization: URL
    var token: URL
    var par: URL
    var revocation: URL?
}

/// Where an account lives: its DID, its PDS and the issuer that PDS names.
struct BlueskyAccountLocation: Sendable {
    var did: String
    var pds: URL
    var issuer: URL
    /// The handle the DID document claims, when it has one.
    var claimedHandle: String?
}
