import Foundation

/// The one request path shared by the Facebook, Instagram and Threads clients, which all speak Meta's
/// Graph API. It versions every path,
/// sets headers once, gives each call an explicit timeout, checks the status itself and decodes the
/// Meta error envelope into `MetaGraphError`. Errors name host and path only, never the query,
/// because Graph token endpoints carry `client_secret` and `access_token` there.
package struct MetaGraphClient: Sendable {
    /// Where an access token goes.
    package enum TokenPlacement: Sendable {
        /// `Authorization: Bearer …` — keeps the token out of URLs (allowed: docs/platforms/facebook.md,
        /// "Posting").
        case header
        /// `access_token=` in the query, for the token-grant endpoints documented that way
        /// (`th_exchange_token`, `th_refresh_token`: docs/platforms/threads.md, "Tokens").
        case query
    }

    /// Platform reported in errors.
    package var platform: PlatformName
    /// Graph host, e.g. `https://graph.facebook.com`.
    package var host: URL
    /// Version segment put in front of every versioned path (`v26.0`, `v1.0`).
    package var version: String
    /// Sends the calls.
    package var transport: any PlatformTransport
    /// Timeout for every call.
    package var timeout: Duration

    /// Creates a client for one Graph host.
    package init(platform: PlatformName, host: URL, version: String, transport: any PlatformTransport, timeout: Duration) {
        self.platform = platform
        self.host = host
        self.version = version
        self.transport = transport
        self.timeout = timeout
    }

    /// `GET` `path` and decode the answer as `T`.
    package func get<T: Decodable>(
        _ path: String, versioned: Bool = true, query: [(String, String)] = [], token: String? = nil, placement: TokenPlacement = .header,
        as type: T.Type
    ) async throws(MetaGraphError) -> MetaGraphAnswer<T> {
        try await send(.GET, path, versioned: versioned, query: query, form: nil, token: token, placement: placement, as: type)
    }

    /// `POST` a form to `path` and decode the answer as `T`.
    package func post<T: Decodable>(
        _ path: String, versioned: Bool = true, query: [(String, String)] = [], form: [(String, String)], token: String? = nil, as type: T.Type
    ) async throws(MetaGraphError) -> MetaGraphAnswer<T> {
        try await send(.POST, path, versioned: versioned, query: query, form: form, token: token, placement: .header, as: type)
    }

    /// `DELETE` `path` and decode the answer as `T`.
    package func delete<T: Decodable>(_ path: String, token: String, as type: T.Type) async throws(MetaGraphError) -> MetaGraphAnswer<T> {
        try await send(.DELETE, path, versioned: true, query: [], form: nil, token: token, placement: .header, as: type)
    }

    /// The single place a Graph call is built, sent and checked.
    private func send<T: Decodable>(
        _ method: PlatformHTTPRequest.Method, _ path: String, versioned: Bool, query: [(String, String)], form: [(String, String)]?,
        token: String?, placement: TokenPlacement, as type: T.Type
    ) async throws(MetaGraphError) -> MetaGraphAnswer<T> {
        let fullPath = (versioned ? "\(version)/" : "") + path
        let endpoint = "\(host.host ?? "")/\(fullPath)"
        var fields = query
        var headers: [(String, String)] = [("Accept", "application/json")]
        if let token {
            switch placement {
            case .header: headers.append(PlatformRequester.bearer(token))
            case .query: fields.append(("access_token", token))
            }
        }
        let base = host.appendingPathComponent(fullPath)
        let url = fields.isEmpty ? base : FormEncoding.url(base, fields)
        var request = PlatformHTTPRequest(method, url, headers: headers, timeout: timeout)
        if let form {
            request.headers.append(("Content-Type", "application/x-www-form-urlencoded"))
            request.body = Data(FormEncoding.encode(form).utf8)
        }
        let response: PlatformHTTPResponse
        do throws(TransportError) {
            response = try await transport.send(request)
        } catch {
            throw MetaGraphError(
                .transport(timedOut: error.kind == .timeout, mayHaveReachedServer: error.mayHaveReachedServer), platform: platform,
                endpoint: endpoint)
        }
        let usage = MetaUsage(response)
        if (200..<300).contains(response.status), let value = try? JSONDecoder().decode(T.self, from: response.body) {
            return MetaGraphAnswer(value: value, usage: usage)
        }
        if let envelope = response.decode(MetaErrorEnvelope.self) {
            let e = envelope.error
            throw MetaGraphError(
                .api(
                    code: e.code, subcode: e.errorSubcode, message: e.message ?? "", userMessage: e.errorUserMsg, isTransient: e.isTransient ?? false),
                platform: platform, status: response.status, endpoint: endpoint, usage: usage)
        }
        throw MetaGraphError(.unreadable, platform: platform, status: response.status, endpoint: endpoint, usage: usage)
    }
}
