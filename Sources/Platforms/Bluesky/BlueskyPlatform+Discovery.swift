import Foundation
import SocialCore

/// From what a person types to the authorization server (docs/platforms/bluesky.md, "Discovery"):
/// handle → DID → DID document → PDS → protected-resource metadata → issuer → server metadata.
/// Every document comes from a host the person (or their DID document) chose, so each answer is
/// size-limited and checked before anything in it is used.
extension BlueskyPlatform {
    /// Largest documents read: a DID as text, JSON documents.
    static let didTextLimit = 2048
    static let documentLimit = 64 * 1024

    /// Finds the authorization server for `hint` (a handle or DID) and checks its metadata; the
    /// controller keeps the answer as `ConnectRequest.instanceURL`. Without a hint, the Bluesky
    /// entryway's server, where the person names their account on the consent page.
    package func prepareAuthorization(hint: String?) async throws(PlatformError) -> URL {
        guard let hint, !hint.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            return try await authorizationServer(issuer: entryway).issuer
        }
        let location = try await locate(try BlueskyIdentifier.parse(hint))
        return try await authorizationServer(issuer: location.issuer).issuer
    }

    /// The DID of an identifier.
    func did(of identifier: BlueskyIdentifier) async throws(PlatformError) -> String {
        switch identifier {
        case .did(let did): return did
        case .handle(let handle): return try await resolve(handle: handle)
        }
    }

    /// The account's DID, PDS and the issuer its PDS names.
    func locate(_ identifier: BlueskyIdentifier) async throws(PlatformError) -> BlueskyAccountLocation {
        try await locate(did: try await did(of: identifier))
    }

    func locate(did: String) async throws(PlatformError) -> BlueskyAccountLocation {
        let document = try await didDocument(did)
        guard let endpoint = document.pdsEndpoint(), let pds = origin(endpoint) else {
            throw refuse("The identity \(did) names no usable Bluesky server (PDS).")
        }
        let resource = try await fetch(
            pds.appending(path: ".well-known/oauth-protected-resource"), limit: Self.documentLimit, what: "its OAuth metadata")
        guard let servers = resource.decode(BlueskyProtectedResource.self)?.authorizationServers, let first = servers.first,
            let issuer = origin(first)
        else { throw refuse("\(pds.host ?? "The server") names no usable authorization server.") }
        return BlueskyAccountLocation(did: did, pds: pds, issuer: issuer, claimedHandle: document.claimedHandle())
    }

    /// handle → DID: the handle's own `/.well-known/atproto-did`, else `resolveHandle` at the entryway.
    func resolve(handle: String) async throws(PlatformError) -> String {
        if let url = URL(string: "https://\(handle)/.well-known/atproto-did"),
            let response = try? await fetch(url, limit: Self.didTextLimit, what: "the handle's DID"),
            let did = String(data: response.body, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines), BlueskyIdentifier.isDID(did)
        {
            return did
        }
        struct Answer: Decodable { var did: String }
        let response = try await send(
            PlatformHTTPRequest(.GET, FormEncoding.url(entryway.appending(path: "xrpc/com.atproto.identity.resolveHandle"), [("handle", handle)])))
        guard response.body.count <= Self.documentLimit else { throw refuse("The handle lookup answered with too much data.") }
        if response.status == 200, let did = response.decode(Answer.self)?.did, BlueskyIdentifier.isDID(did) { return did }
        if response.status == 400 || response.status == 404 { throw refuse("No Bluesky account has the handle \(handle).") }
        if response.status >= 500 || response.status == 429 {
            throw PlatformError(.transient, .bluesky, "Bluesky could not look up the handle just now (HTTP \(response.status)); try again shortly.")
        }
        throw refuse("The handle \(handle) could not be resolved.")
    }

    /// The DID document: `plc.directory` for `did:plc`, `https://{host}/.well-known/did.json` for `did:web`.
    func didDocument(_ did: String) async throws(PlatformError) -> BlueskyDIDDocument {
        let address = did.hasPrefix("did:web:") ? "https://\(did.dropFirst(8))/.well-known/did.json" : "https://plc.directory/\(did)"
        guard BlueskyIdentifier.isDID(did), let url = URL(string: address) else { throw refuse("That DID is not one Bluesky uses.") }
        let response = try await fetch(url, limit: Self.documentLimit, what: "the identity document")
        guard let document = response.decode(BlueskyDIDDocument.self), document.id == did else {
            throw refuse("The identity document of \(did) is unreadable or names another identity.")
        }
        return document
    }

    /// The server's RFC 8414 metadata, checked: its `issuer` is exactly the address asked, PAR is
    /// offered, and every endpoint is https on the issuer's own host.
    func authorizationServer(issuer: URL) async throws(PlatformError) -> BlueskyAuthorizationServer {
        let response = try await fetch(
            issuer.appending(path: ".well-known/oauth-authorization-server"), limit: Self.documentLimit, what: "its authorization metadata")
        guard let document = response.decode(BlueskyServerMetadataDocument.self) else {
            throw refuse("\(issuer.host ?? "The server")'s authorization metadata is unreadable.")
        }
        guard let named = origin(document.issuer), named == issuer else {
            throw refuse("\(issuer.host ?? "The server")'s authorization metadata names another issuer.")
        }
        guard let authorization = endpoint(document.authorizationEndpoint, on: issuer), let token = endpoint(document.tokenEndpoint, on: issuer),
            let par = document.pushedAuthorizationRequestEndpoint.flatMap({ endpoint($0, on: issuer) })
        else { throw refuse("\(issuer.host ?? "The server")'s authorization endpoints are missing or not on its own host.") }
        return BlueskyAuthorizationServer(
            issuer: issuer, authorization: authorization, token: token, par: par,
            revocation: document.revocationEndpoint.flatMap { endpoint($0, on: issuer) })
    }

    /// A GET whose 200 answer is at most `limit` bytes; anything else is a refusal naming the host.
    func fetch(_ url: URL, limit: Int, what: String) async throws(PlatformError) -> PlatformHTTPResponse {
        let host = url.host ?? "the server"
        let response = try await send(PlatformHTTPRequest(.GET, url))
        guard response.body.count <= limit else { throw refuse("\(host) answered with too much data for \(what).") }
        if response.status >= 500 || response.status == 429 {
            throw PlatformError(.transient, .bluesky, "\(host) could not give \(what) just now (HTTP \(response.status)); try again shortly.")
        }
        guard response.status == 200 else { throw refuse("\(host) answered HTTP \(response.status) when asked for \(what).") }
        return response
    }

    /// An https origin (`https://host[:port]`) from a document, or nil. In sandbox mode emulated
    /// servers write their own addresses through the sandbox; those are mapped back first.
    func origin(_ text: String) -> URL? {
        guard text.utf8.count <= 2048, let raw = URL(string: text),
            let components = URLComponents(url: transport.platformURL(raw), resolvingAgainstBaseURL: false),
            components.scheme?.lowercased() == "https", let host = components.host?.lowercased(), BlueskyIdentifier.isHandle(host),
            components.user == nil, components.password == nil, components.query == nil, components.fragment == nil,
            components.path.isEmpty || components.path == "/"
        else { return nil }
        var origin = URLComponents()
        origin.scheme = "https"
        origin.host = host
        if let port = components.port, port != 443 {
            guard (1...65535).contains(port) else { return nil }
            origin.port = port
        }
        return origin.url
    }

    /// An endpoint URL of `issuer`: https, same host and port, no query or fragment.
    func endpoint(_ text: String, on issuer: URL) -> URL? {
        guard text.utf8.count <= 2048, let raw = URL(string: text),
            let components = URLComponents(url: transport.platformURL(raw), resolvingAgainstBaseURL: false),
            components.scheme?.lowercased() == "https", components.host?.lowercased() == issuer.host?.lowercased(),
            components.port == issuer.port, components.user == nil, components.query == nil, components.fragment == nil,
            let url = components.url
        else { return nil }
        return url
    }

    func refuse(_ message: String) -> PlatformError { PlatformError(.invalidInstance, .bluesky, message) }
}
