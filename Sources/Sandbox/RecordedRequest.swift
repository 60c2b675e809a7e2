import Foundation

/// A request the sandbox received, with secrets masked, as listed by `GET /_sandbox/requests`.
public struct RecordedRequest: Sendable, Codable, Equatable {
    /// Platform that answered.
    public var platform: Platform
    /// Emulated host.
    public var host: String
    /// HTTP method.
    public var method: String
    /// Path below the host.
    public var path: String
    /// Query parameters (secrets masked).
    public var query: [String: String]
    /// Form or JSON body (secrets masked; JSON kept as text).
    public var body: String
    /// Selected headers (Authorization masked).
    public var headers: [String: String]
    /// Sandbox-clock time.
    public var time: Date

    /// Parameter names whose values are masked.
    static let secretNames: Set<String> = [
        "access_token", "client_secret", "code", "code_verifier", "refresh_token", "fb_exchange_token",
        "token", "input_token", "password", "client_assertion",
    ]

    /// Masks a value so tests can see it was present without seeing it.
    static func mask(_ value: String) -> String { value.isEmpty ? "" : "***" }
}
