import Foundation

/// `POST /_sandbox/client_origins` body: where the emulated Bluesky authorization servers fetch the
/// client-metadata documents of an `https://` origin (NOTES.md "Bluesky", "Client metadata fetch").
struct BlueskyClientOrigin: Codable {
    /// `https://host[:port]`, as client ids name it.
    var origin: String
    /// `http(s)://host:port` that really serves those paths (a loopback test server, the local service).
    var fetchFrom: String

    enum CodingKeys: String, CodingKey {
        case origin, fetchFrom = "fetch_from"
    }

    /// Both are bare origins: a scheme, a host, an optional port, nothing else.
    var valid: Bool {
        func bare(_ text: String, schemes: Set<String>) -> Bool {
            guard let url = URLComponents(string: text), let scheme = url.scheme, schemes.contains(scheme), let host = url.host, !host.isEmpty
            else { return false }
            return url.path.isEmpty && url.query == nil && url.fragment == nil && url.user == nil
        }
        return bare(origin, schemes: ["https"]) && bare(fetchFrom, schemes: ["http", "https"])
    }
}
