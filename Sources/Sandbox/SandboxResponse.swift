import Foundation
import HTTPTypes

/// What a platform handler answers; converted to a Hummingbird response at the edge.
struct SandboxResponse: Sendable {
    /// HTTP status.
    var status: HTTPResponse.Status
    /// Headers, as (name, value) pairs.
    var headers: [(String, String)]
    /// Body bytes.
    var body: Data

    /// A JSON response from an encodable value.
    static func json(_ status: HTTPResponse.Status, _ value: some Encodable, headers: [(String, String)] = []) -> SandboxResponse {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return SandboxResponse(status: status, headers: [("Content-Type", "application/json; charset=utf-8")] + headers, body: data)
    }

    /// A JSON response from an untyped object (dictionaries/arrays of JSON values). Keys come in
    /// no particular order, as from the real platforms: Foundation's `.sortedKeys` compares them
    /// with the locale's collation, which made each Mastodon status take milliseconds inside the
    /// state actor — fifty posts at once queued behind one another there (`make bench`).
    static func object(_ status: HTTPResponse.Status, _ object: [String: Any], headers: [(String, String)] = []) -> SandboxResponse {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.withoutEscapingSlashes])) ?? Data("{}".utf8)
        return SandboxResponse(status: status, headers: [("Content-Type", "application/json; charset=utf-8")] + headers, body: data)
    }

    /// An HTML page.
    static func html(_ status: HTTPResponse.Status, _ page: String) -> SandboxResponse {
        SandboxResponse(status: status, headers: [("Content-Type", "text/html; charset=utf-8")], body: Data(page.utf8))
    }

    /// A 200 JSON response from an untyped object.
    static func object(_ object: [String: Any], headers: [(String, String)] = []) -> SandboxResponse {
        .object(.ok, object, headers: headers)
    }

    /// A 200 JSON response from an encodable value.
    static func json(_ value: some Encodable) -> SandboxResponse { .json(.ok, value) }

    /// A 200 HTML page.
    static func html(_ page: String) -> SandboxResponse { .html(.ok, page) }

    /// A 302 redirect.
    static func redirect(_ location: String) -> SandboxResponse {
        SandboxResponse(status: .found, headers: [("Location", location)], body: Data())
    }

    /// An empty body with a status.
    static func empty(_ status: HTTPResponse.Status, headers: [(String, String)] = []) -> SandboxResponse {
        SandboxResponse(status: status, headers: headers, body: Data())
    }

    /// Adds headers and returns the response.
    func adding(_ extra: [(String, String)]) -> SandboxResponse {
        var copy = self
        copy.headers += extra
        return copy
    }

    /// Whether the status is 2xx.
    var isSuccess: Bool { (200..<300).contains(status.code) }
}
