import Foundation

/// Bluesky identity: handle → DID → DID document → PDS → authorization server, as
/// docs/platforms/bluesky.md, "Discovery" describes the walk.
extension SandboxState {
    /// The account with this DID or handle (handles compare case-insensitively).
    func blueskyAccount(_ identifier: String) -> DemoBlueskyAccount? {
        DemoData.blueskyAccounts.first { $0.did == identifier || $0.handle == identifier.lowercased() }
    }

    /// Hosts that run a PDS: each account's PDS, plus the bsky.social entryway that forwards to them.
    static var blueskyPDSHosts: Set<String> { Set(DemoData.blueskyAccounts.map(\.pdsHost) + ["bsky.social"]) }

    /// Hosts that run an authorization server.
    static var blueskyIssuerHosts: Set<String> { Set(DemoData.blueskyAccounts.map(\.authorizationHost)) }

    /// An XRPC error body (`{"error","message"}`).
    static func xrpcError(_ status: Int, _ error: String, _ message: String, headers: [(String, String)] = []) -> SandboxResponse {
        .object(.init(code: status), ["error": error, "message": message], headers: headers)
    }

    /// Answers a request to any Bluesky host; authorization servers and PDSes hand out a DPoP nonce on every answer.
    func blueskyAnswer(_ request: SandboxRequest) -> SandboxResponse {
        let answer = blueskyRespond(request)
        guard Self.blueskyIssuerHosts.contains(request.host) || Self.blueskyPDSHosts.contains(request.host) else { return answer }
        return answer.adding([("DPoP-Nonce", blueskyNonce(request.host))])
    }

    /// Answers a request to any Bluesky host.
    func blueskyRespond(_ request: SandboxRequest) -> SandboxResponse {
        let host = request.host
        let s = request.segments
        if host == "bsky.app" { return blueskyPostPage(request) }
        if host == "plc.directory" {
            guard request.method == .get, s.count == 1, let account = blueskyAccount(s[0]), account.did.hasPrefix("did:plc:") else {
                return .object(.notFound, ["message": "DID not registered: \(s.first ?? "")"])
            }
            return .object(Self.didDocument(account))
        }
        if request.method == .get, s == [".well-known", "atproto-did"] {
            guard let account = DemoData.blueskyAccounts.first(where: { $0.handle == host }) else {
                return SandboxResponse(status: .notFound, headers: [("Content-Type", "text/plain")], body: Data("Not Found".utf8))
            }
            return SandboxResponse(status: .ok, headers: [("Content-Type", "text/plain; charset=utf-8")], body: Data(account.did.utf8))
        }
        if request.method == .get, s == [".well-known", "did.json"] {
            guard let account = DemoData.blueskyAccounts.first(where: { $0.did == "did:web:" + host }) else {
                return .object(.notFound, ["error": "NotFound", "message": "no DID document here"])
            }
            return .object(Self.didDocument(account))
        }
        if Self.blueskyIssuerHosts.contains(host), let answer = blueskyOAuthRespond(request) { return answer }
        if Self.blueskyPDSHosts.contains(host) {
            if request.method == .get, s == [".well-known", "oauth-protected-resource"] {
                return blueskyProtectedResource(request)
            }
            if s.count == 2, s[0] == "xrpc" { return blueskyXRPC(request, method: s[1]) }
        }
        return Self.xrpcError(404, "NotFound", "Not Found")
    }

    /// A DID document naming the account's handle and PDS (identity data: real host names).
    static func didDocument(_ account: DemoBlueskyAccount) -> [String: Any] {
        [
            "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
            "id": account.did, "alsoKnownAs": ["at://\(account.handle)"],
            "verificationMethod": [
                [
                    "id": account.did + "#atproto", "type": "Multikey", "controller": account.did,
                    "publicKeyMultibase": "zQ3shXjHeiBuRCKmM36cuYnm7YEMzhGnCmCyW92sRJ9pribSF",
                ]
            ],
            "service": [["id": "#atproto_pds", "type": "AtprotoPersonalDataServer", "serviceEndpoint": "https://\(account.pdsHost)"]],
        ]
    }

    /// `com.atproto.identity.resolveHandle` (any PDS or the entryway).
    func blueskyResolveHandle(_ request: SandboxRequest) -> SandboxResponse {
        guard let handle = request.query["handle"], !handle.isEmpty else {
            return Self.xrpcError(400, "InvalidRequest", "Error: Params must have the property \"handle\"")
        }
        guard let account = DemoData.blueskyAccounts.first(where: { $0.handle == handle.lowercased() }) else {
            return Self.xrpcError(400, "HandleNotFound", "Unable to resolve handle")
        }
        return .object(["did": account.did])
    }

    /// RFC 9728 protected-resource metadata of a PDS. Discovery document: sandbox-addressed
    /// (NOTES.md "Discovery documents"). The entryway names bsky.social as its own server.
    func blueskyProtectedResource(_ request: SandboxRequest) -> SandboxResponse {
        let issuerHost = DemoData.blueskyAccounts.first { $0.pdsHost == request.host }?.authorizationHost ?? "bsky.social"
        return .object([
            "resource": request.sandboxAddress(""),
            "authorization_servers": [request.origin + "/" + issuerHost],
            "scopes_supported": [String](), "bearer_methods_supported": ["header"],
            "resource_documentation": "https://atproto.com",
        ])
    }

    /// RFC 8414 metadata of an authorization server (docs/platforms/bluesky.md, "Server metadata").
    func blueskyServerMetadata(_ request: SandboxRequest) -> SandboxResponse {
        let issuer = request.sandboxAddress("")
        let resources = DemoData.blueskyAccounts.filter { $0.authorizationHost == request.host }.map { request.origin + "/" + $0.pdsHost }
        return .object([
            "issuer": issuer,
            "authorization_endpoint": issuer + "/oauth/authorize",
            "token_endpoint": issuer + "/oauth/token",
            "pushed_authorization_request_endpoint": issuer + "/oauth/par",
            "revocation_endpoint": issuer + "/oauth/revoke",
            "jwks_uri": issuer + "/oauth/jwks",
            "require_pushed_authorization_requests": true,
            "require_request_uri_registration": true,
            "request_parameter_supported": false, "request_uri_parameter_supported": true,
            "response_types_supported": ["code"],
            "response_modes_supported": ["query", "fragment", "form_post"],
            "grant_types_supported": ["authorization_code", "refresh_token"],
            "code_challenge_methods_supported": ["S256"],
            "authorization_response_iss_parameter_supported": true,
            "dpop_signing_alg_values_supported": ["ES256"],
            "token_endpoint_auth_methods_supported": ["none", "private_key_jwt"],
            "token_endpoint_auth_signing_alg_values_supported": ["ES256"],
            "scopes_supported": ["atproto", "transition:email", "transition:generic", "transition:chat.bsky"],
            "subject_types_supported": ["public"],
            "client_id_metadata_document_supported": true,
            "protected_resources": resources,
        ])
    }
}
