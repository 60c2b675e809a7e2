import Foundation

/// The atproto localhost development client (docs/platforms/bluesky.md, "Localhost clients"): a `client_id` of
/// exactly `http://localhost` or `http://localhost/`, optionally followed by a query with `redirect_uri`
/// (repeatable) and `scope` (once). Nothing is fetched for it: the authorization server makes its metadata up —
/// a public, native client bound to DPoP, with the listed redirect URIs (default `http://127.0.0.1/` and
/// `http://[::1]/`) and scopes (default `atproto`).
enum BlueskyLoopbackClientID {
    /// Why an id is refused; shown to the client (an id holds no secret).
    struct Refusal: Error, Sendable {
        var reason: String
    }

    static let origin = "http://localhost"
    static let defaultRedirectURIs = ["http://127.0.0.1/", "http://[::1]/"]
    static let defaultScope = "atproto"
    /// The name the consent page gives every such client (the spec leaves it to the server).
    static let displayName = "Development client (http://localhost)"

    /// Whether `clientID` is meant as a localhost client: it is then never fetched, and must parse.
    static func claims(_ clientID: String) -> Bool { clientID.hasPrefix(origin) }

    /// The client its id describes, or why the id is refused.
    static func client(_ clientID: String) -> Result<BlueskyClient, Refusal> {
        func refuse(_ reason: String) -> Result<BlueskyClient, Refusal> { .failure(Refusal(reason: reason)) }
        guard claims(clientID) else { return refuse("the id must start with \"\(origin)\"") }
        var rest = clientID.dropFirst(origin.count)
        guard !rest.contains("#") else { return refuse("the id must not contain a fragment") }
        if rest.hasPrefix("/") { rest = rest.dropFirst() }
        // Anything else after the origin — a port, a path, a longer host name — is not this form.
        guard rest.isEmpty || rest.hasPrefix("?") else { return refuse("the id must not contain a port or a path") }
        let parameters = FormCoding.decodeAll(String(rest.dropFirst()))
        if let unexpected = parameters.keys.sorted().first(where: { $0 != "scope" && $0 != "redirect_uri" }) {
            return refuse("unexpected query parameter \"\(unexpected)\"")
        }
        let scopeValues = parameters["scope"] ?? [defaultScope]
        guard scopeValues.count == 1, let scope = scopeValues.first else { return refuse("duplicate \"scope\" query parameter") }
        let scopes: [String]
        switch Self.scopes(scope) {
        case .success(let parsed): scopes = parsed
        case .failure(let refusal): return .failure(refusal)
        }
        let redirects = parameters["redirect_uri"] ?? defaultRedirectURIs
        for uri in redirects {
            if case .failure(let refusal) = BlueskyLoopbackRedirect.parse(uri) {
                return refuse("invalid \"redirect_uri\" query parameter: \(refusal.reason)")
            }
        }
        return .success(BlueskyClient(id: clientID, kind: .localhostDevelopment, redirectURIs: redirects, scopes: scopes, keys: []))
    }

    /// RFC 6749 §3.3 scope syntax (tokens of printable ASCII but `"` and `\`, one space apart), no duplicates,
    /// `atproto` present, every token a form this server knows (docs/platforms/bluesky.md, "Scopes").
    static func scopes(_ scope: String) -> Result<[String], Refusal> {
        func refuse(_ reason: String) -> Result<[String], Refusal> { .failure(Refusal(reason: reason)) }
        let tokens = scope.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        let allowed = { (scalar: Unicode.Scalar) in
            scalar.value == 0x21 || (0x23...0x5B).contains(scalar.value) || (0x5D...0x7E).contains(scalar.value)
        }
        guard tokens.allSatisfy({ !$0.isEmpty && $0.unicodeScalars.allSatisfy(allowed) }) else {
            return refuse("invalid \"scope\" query parameter")
        }
        guard Set(tokens).count == tokens.count else { return refuse("duplicate scope in the \"scope\" query parameter") }
        guard tokens.contains("atproto") else { return refuse("the \"scope\" query parameter must include \"atproto\"") }
        if let unknown = tokens.first(where: { !SandboxState.blueskyScopeKnown($0) }) { return refuse("unsupported scope \"\(unknown)\"") }
        return .success(tokens)
    }
}
