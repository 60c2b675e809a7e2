import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// Parses each request, applies switched-on failures, and hands it to the state actor.
struct SandboxResponder: HTTPResponder {
    typealias Context = BasicRequestContext
    let state: SandboxState
    let logger: Logger

    /// Thrown from a response body writer so the server drops the connection ("response lost").
    struct ConnectionDropped: Error {}

    func respond(to request: Request, context: Context) async throws -> Response {
        var parsed = try await parse(request)
        if parsed.host == "_sandbox" {
            return Self.convert(await state.inspect(parsed))
        }
        let plan = await state.begin(parsed)
        if plan.platform == .bluesky { parsed.blueskyClient = await fetchBlueskyClient(parsed) }
        switch plan.failure?.mode {
        case .slow?:
            try await Task.sleep(for: .milliseconds(Int((plan.failure?.latency ?? 2) * 1000)))
        case .timeout?:
            // Hang longer than any client timeout; nothing is executed.
            try await Task.sleep(for: .milliseconds(Int((plan.failure?.latency ?? 600) * 1000)))
            return Self.convert(.empty(.gatewayTimeout))
        case .lostResponse?, .lostResponse502?:
            let answer = await state.respond(parsed, platform: plan.platform)
            if plan.failure?.mode == .lostResponse502 { return Self.convert(.empty(.badGateway)) }
            _ = answer
            return Response(status: .ok, headers: [.contentLength: "64"], body: ResponseBody { _ in throw ConnectionDropped() })
        case let mode?:
            return Self.convert(await state.failureResponse(mode, platform: plan.platform, request: parsed))
        case nil:
            break
        }
        let answer = await state.respond(parsed, platform: plan.platform)
        if answer.status.code >= 500 { logger.error("sandbox answered \(answer.status.code) for \(parsed.host)\(parsed.path)") }
        return Self.convert(answer)
    }

    /// Client used for client-metadata fetches: no redirects (a metadata document is served where its id says).
    static let metadataClient = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))

    /// For the authorization servers' PAR, token and revocation endpoints: fetches the `client_id`
    /// document (and its `jwks_uri`) from the address the sandbox was given for that origin. Done here,
    /// outside the state actor, so a slow client server holds up no other request. A localhost client id
    /// is never fetched: its metadata is made up from the id (docs/platforms/bluesky.md, "Localhost clients").
    func fetchBlueskyClient(_ request: SandboxRequest) async -> BlueskyClientFetch? {
        guard request.method == .post, request.segments.count == 2, request.segments[0] == "oauth",
            ["par", "token", "revoke"].contains(request.segments[1]), let clientID = request.form["client_id"], !clientID.isEmpty,
            !BlueskyLoopbackClientID.claims(clientID)
        else { return nil }
        guard let address = await state.blueskyFetchAddress(clientID) else {
            return .failed(
                "Client metadata of \"\(clientID)\" cannot be fetched: the sandbox fetches only https client ids of origins registered at /_sandbox/client_origins"
            )
        }
        guard let metadata = await Self.fetchDocument(address) else { return .failed("Unable to obtain client metadata for \"\(clientID)\"") }
        guard let object = try? JSONSerialization.jsonObject(with: metadata) as? [String: Any], let jwksURI = object["jwks_uri"] as? String else {
            return .fetched(metadata: metadata, jwks: nil)
        }
        guard let jwksAddress = await state.blueskyFetchAddress(jwksURI), let jwks = await Self.fetchDocument(jwksAddress) else {
            return .failed("Unable to obtain the client's jwks_uri document")
        }
        return .fetched(metadata: metadata, jwks: jwks)
    }

    /// GET with a 5 s timeout; only a 200 JSON answer of at most 64 KiB counts.
    static func fetchDocument(_ address: String) async -> Data? {
        var request = HTTPClientRequest(url: address)
        request.headers.add(name: "Accept", value: "application/json")
        guard let response = try? await metadataClient.execute(request, timeout: .seconds(5)), response.status == .ok,
            let type = response.headers.first(name: "Content-Type"), type.lowercased().hasPrefix("application/json"),
            let body = try? await response.body.collect(upTo: 65_536)
        else { return nil }
        return Data(body.readableBytesView)
    }

    private func parse(_ request: Request) async throws -> SandboxRequest {
        var request = request
        let buffer = try await request.collectBody(upTo: 8 * 1024 * 1024)
        let body = Data(buffer.readableBytesView)
        let rawSegments = request.uri.path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        var segments = rawSegments.map { String($0).removingPercentEncoding ?? String($0) }
        let host = segments.isEmpty ? "" : segments.removeFirst().lowercased()
        if segments.last == "" && segments.count > 0 { segments.removeLast() }
        var parsed = SandboxRequest(
            method: request.method, host: host, segments: segments,
            query: FormCoding.decode(request.uri.query ?? ""), form: [:], body: body, headers: request.headers)
        // Discovery documents name the sandbox as the client reached it; only host[:port] characters pass.
        if let authority = request.head.authority, !authority.isEmpty,
            authority.allSatisfy({ $0.isLetter || $0.isNumber || ".-:[]".contains($0) })
        {
            parsed.origin = "http://" + authority
        }
        if parsed.contentType == "application/x-www-form-urlencoded" {
            parsed.form = FormCoding.decode(String(decoding: body, as: UTF8.self))
        } else if parsed.contentType == "application/json",
            let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any]
        {
            for (key, value) in object {
                switch value {
                case let text as String: parsed.form[key] = text
                case let number as NSNumber: parsed.form[key] = number.stringValue
                case let list as [Any]: parsed.form[key] = list.map { "\($0)" }.joined(separator: " ")
                default: break
                }
            }
        }
        return parsed
    }

    static func convert(_ answer: SandboxResponse) -> Response {
        var fields = HTTPFields()
        for (name, value) in answer.headers {
            if let field = HTTPField.Name(name) { fields.append(HTTPField(name: field, value: value)) }
        }
        fields[.contentLength] = String(answer.body.count)
        return Response(status: answer.status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: answer.body)))
    }
}
