import Foundation

/// The sandbox host rewrite: with `SOCIAL_SANDBOX_URL=http://127.0.0.1:8100`, a request for
/// `https://HOST/PATH?Q` goes to `http://127.0.0.1:8100/HOST/PATH?Q`.
///
/// The same rule serves API calls and browser redirects to platform authorize pages, so the
/// sandbox sees every platform host as the first path segment. Without a sandbox URL the
/// rewrite is the identity.
package struct SandboxRoute: Sendable, Equatable {
    /// The emulator's origin (and optional base path), or `nil` for real platforms.
    package let sandboxURL: URL?

    /// A route through `sandboxURL`, or the identity when it is `nil`.
    package init(sandboxURL: URL?) { self.sandboxURL = sandboxURL }

    /// The identity route (no sandbox).
    package static let direct = SandboxRoute(sandboxURL: nil)

    /// True when requests are rewritten.
    package var isActive: Bool { sandboxURL != nil }

    /// Rewrites `url` to go through the sandbox.
    ///
    /// The original scheme is dropped; a non-default port stays with the host (`HOST:PORT`); path,
    /// query and fragment are kept byte for byte. A URL that already points at the sandbox origin
    /// is returned unchanged, so rewriting twice (or a sandbox redirect to itself) is harmless.
    package func rewrite(_ url: URL) -> URL {
        guard let sandboxURL,
            let original = URLComponents(url: url, resolvingAgainstBaseURL: false),
            let host = original.host, !host.isEmpty,
            let sandbox = URLComponents(url: sandboxURL, resolvingAgainstBaseURL: false)
        else { return url }
        if Self.sameOrigin(original, sandbox) { return url }

        var base = sandboxURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        var hostPart = host.lowercased()
        if hostPart.contains(":"), !hostPart.hasPrefix("[") { hostPart = "[\(hostPart)]" }
        if let port = original.port, port != Self.defaultPort(original.scheme) { hostPart += ":\(port)" }
        let path = original.percentEncodedPath.isEmpty ? "/" : original.percentEncodedPath
        var text = "\(base)/\(hostPart)\(path)"
        if let query = original.percentEncodedQuery { text += "?\(query)" }
        if let fragment = original.percentEncodedFragment { text += "#\(fragment)" }
        return URL(string: text) ?? url
    }

    /// The platform URL a sandbox-addressed URL stands for (the inverse of `rewrite`): an emulated
    /// server writes links to itself through the sandbox, and a client that checks a link's host
    /// must see the real one. Any other URL, and every URL without a sandbox, is returned as is.
    package func platformURL(_ url: URL) -> URL {
        guard let sandboxURL,
            let given = URLComponents(url: url, resolvingAgainstBaseURL: false),
            let sandbox = URLComponents(url: sandboxURL, resolvingAgainstBaseURL: false), Self.sameOrigin(given, sandbox)
        else { return url }
        var base = sandbox.percentEncodedPath
        while base.hasSuffix("/") { base.removeLast() }
        let path = given.percentEncodedPath
        guard path.hasPrefix(base + "/") else { return url }
        let rest = path.dropFirst(base.count + 1)
        let host = rest.prefix { $0 != "/" }
        guard !host.isEmpty else { return url }
        var text = "https://\(host)\(rest.dropFirst(host.count).isEmpty ? "/" : String(rest.dropFirst(host.count)))"
        if let query = given.percentEncodedQuery { text += "?\(query)" }
        return URL(string: text) ?? url
    }

    private static func sameOrigin(_ a: URLComponents, _ b: URLComponents) -> Bool {
        a.scheme?.lowercased() == b.scheme?.lowercased() && a.host?.lowercased() == b.host?.lowercased()
            && (a.port ?? defaultPort(a.scheme)) == (b.port ?? defaultPort(b.scheme))
    }

    private static func defaultPort(_ scheme: String?) -> Int? {
        switch scheme?.lowercased() {
        case "http": 80
        case "https": 443
        default: nil
        }
    }
}
