import Foundation
import PostgresNIO

extension PostgresClient.Configuration {
    /// Builds a client configuration from `postgres://user:password@host:port/database`.
    /// `?sslmode=require` turns TLS on; anything else connects in plain text (loopback, compose).
    static func fromURL(_ text: String) throws -> PostgresClient.Configuration {
        guard let components = URLComponents(string: text),
            ["postgres", "postgresql"].contains(components.scheme ?? ""),
            let host = components.host, !host.isEmpty
        else { throw PostgresURLError(description: "DATABASE_URL must look like postgres://user:password@host:5432/database") }
        let sslMode = components.queryItems?.first { $0.name == "sslmode" }?.value ?? "disable"
        let tls: PostgresClient.Configuration.TLS
        switch sslMode {
        case "require", "verify-ca", "verify-full": tls = .require(.makeClientConfiguration())
        case "prefer": tls = .prefer(.makeClientConfiguration())
        default: tls = .disable
        }
        let database = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        return PostgresClient.Configuration(
            host: host,
            port: components.port ?? 5432,
            username: components.user?.removingPercentEncoding ?? "postgres",
            password: components.password?.removingPercentEncoding,
            database: database.isEmpty ? nil : database,
            tls: tls
        )
    }
}

/// `DATABASE_URL` could not be understood. Never includes the URL (it may hold a password).
struct PostgresURLError: Error, CustomStringConvertible {
    let description: String
}
