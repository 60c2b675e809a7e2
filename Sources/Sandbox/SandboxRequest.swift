import Foundation
import HTTPTypes

/// A request as the sandbox sees it: the emulated host, the path below it, and decoded parameters.
struct SandboxRequest: Sendable {
    /// HTTP method.
    var method: HTTPRequest.Method
    /// Emulated host (first path segment), lower-cased.
    var host: String
    /// Path segments after the host, percent-decoded.
    var segments: [String]
    /// Query parameters (last value wins).
    var query: [String: String]
    /// Form fields from an `application/x-www-form-urlencoded` or multipart-free body.
    var form: [String: String]
    /// Raw body bytes.
    var body: Data
    /// Request headers.
    var headers: HTTPFields
    /// The sandbox's own origin as the client addressed it, e.g. `http://127.0.0.1:8100`.
    var origin: String = "http://127.0.0.1:8100"
    /// Bluesky authorization servers: the client-metadata document (and JWKS) the responder fetched
    /// for the request's `client_id` before the state actor answers it.
    var blueskyClient: BlueskyClientFetch? = nil

    /// `https://HOST/PATH` as the sandbox serves it: `ORIGIN/HOST/PATH` (NOTES.md "Discovery").
    func sandboxAddress(_ path: String) -> String { origin + "/" + host + path }

    /// The path below the host, e.g. `/api/v1/statuses`.
    var path: String { "/" + segments.joined(separator: "/") }

    /// Header value by name (case-insensitive).
    func header(_ name: String) -> String? {
        guard let field = HTTPField.Name(name) else { return nil }
        return headers[field]
    }

    /// Content type without parameters, lower-cased.
    var contentType: String {
        (header("Content-Type") ?? "").split(separator: ";").first.map {
            $0.trimmingCharacters(in: .whitespaces).lowercased()
        } ?? ""
    }

    /// A parameter from the form body, falling back to the query string.
    func param(_ name: String) -> String? { form[name] ?? query[name] }

    /// Bearer token from the `Authorization` header, if any.
    var bearerToken: String? {
        guard let value = header("Authorization") else { return nil }
        let parts = value.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        return String(parts[1]).trimmingCharacters(in: .whitespaces)
    }

    /// Credentials from an HTTP Basic `Authorization` header (RFC 6749 §2.3.1 form-encodes both parts).
    var basicCredentials: (id: String, secret: String)? {
        guard let value = header("Authorization") else { return nil }
        let parts = value.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "basic",
            let data = Data(base64Encoded: String(parts[1])),
            let text = String(data: data, encoding: .utf8),
            let colon = text.firstIndex(of: ":")
        else { return nil }
        let id = FormCoding.decodeComponent(String(text[..<colon]))
        let secret = FormCoding.decodeComponent(String(text[text.index(after: colon)...]))
        return (id, secret)
    }
}
