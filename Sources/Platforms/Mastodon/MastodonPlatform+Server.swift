import Foundation

/// Which software a Mastodon-API server runs (docs/platforms/mastodon-servers.md): NodeInfo
/// first (`/.well-known/nodeinfo`, then the 2.x document it links on the same host), else the
/// instance document. Cached per instance once known; an unreachable server is asked again.
extension MastodonPlatform {
    func server(instance: URL) async -> MastodonServer {
        if let known = await serverCache.server(for: instance) { return known }
        var software = await nodeInfoSoftware(instance)
        if software == nil { software = await instanceSoftware(instance) }
        guard let software else { return MastodonServer(software: .unknown) }
        let server = MastodonServer(software: software)
        await serverCache.store(server, for: instance)
        return server
    }

    private struct NodeInfoIndex: Decodable {
        struct Link: Decodable { var rel: String; var href: String }
        var links: [Link]
    }

    private struct NodeInfo: Decodable {
        struct Software: Decodable { var name: String }
        var software: Software
    }

    private struct InstanceVersion: Decodable {
        var version: String?
        var apiVersions: [String: Int]?
        enum CodingKeys: String, CodingKey { case version, apiVersions = "api_versions" }
    }

    /// nil when the server has no readable NodeInfo (or links it off its own host).
    private func nodeInfoSoftware(_ instance: URL) async -> MastodonServer.Software? {
        guard let index = try? await send(.GET, instance.appending(path: ".well-known/nodeinfo")), index.status == 200,
            let links = index.decode(NodeInfoIndex.self)?.links,
            let href = links.filter({ $0.rel.hasPrefix("http://nodeinfo.diaspora.software/ns/schema/2.") }).map(\.href).max(),
            let document = URL(string: href).map(transport.platformURL), document.host?.lowercased() == instance.host?.lowercased(),
            ["https", "http"].contains(document.scheme?.lowercased() ?? ""),
            let answer = try? await send(.GET, document), answer.status == 200,
            let name = answer.decode(NodeInfo.self)?.software.name
        else { return nil }
        return MastodonServer.software(nodeInfoName: name)
    }

    /// nil when neither instance document could be read.
    private func instanceSoftware(_ instance: URL) async -> MastodonServer.Software? {
        for path in ["api/v2/instance", "api/v1/instance"] {
            guard let response = try? await send(.GET, instance.appending(path: path)), response.status == 200,
                let info = response.decode(InstanceVersion.self)
            else { continue }
            return MastodonServer.software(instanceVersion: info.version, reportsMastodonAPIVersion: info.apiVersions?["mastodon"] != nil)
        }
        return nil
    }
}

/// Each instance's software, read once per process.
actor MastodonServerCache {
    private var servers: [String: MastodonServer] = [:]

    func server(for instance: URL) -> MastodonServer? { servers[instance.absoluteString] }

    func store(_ value: MastodonServer, for instance: URL) { servers[instance.absoluteString] = value }
}
