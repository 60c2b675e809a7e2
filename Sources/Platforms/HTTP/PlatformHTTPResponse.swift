import Foundation

/// A platform's answer. Statuses are not errors here: each client checks them itself.
package struct PlatformHTTPResponse: Sendable {
    package var status: Int
    /// Header names lower-cased.
    package var headers: [String: String]
    package var body: Data

    package init(status: Int, headers: [String: String], body: Data) {
        self.status = status
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { a, _ in a })
        self.body = body
    }

    package func header(_ name: String) -> String? { headers[name.lowercased()] }

    /// The body decoded as JSON into `type`, or nil when it is not that shape.
    package func decode<T: Decodable>(_ type: T.Type) -> T? { try? JSONDecoder().decode(type, from: body) }
}
