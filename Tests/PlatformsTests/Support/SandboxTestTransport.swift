import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

@testable import Platforms

/// A test transport: every platform URL goes to the sandbox under the host-prefix rule. (The
/// service's production transport applies the same rule through its outbound policy.)
struct SandboxTestTransport: PlatformTransport {
    let port: Int
    let http: HTTPClient

    func rewrite(_ url: URL) -> URL {
        guard var components = URLComponents(url: url, resolvingAgainstBaseURL: false), let host = components.host else { return url }
        components.percentEncodedPath = "/" + host + (components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath)
        components.scheme = "http"
        components.host = "127.0.0.1"
        components.port = port
        return components.url!
    }

    func send(_ request: PlatformHTTPRequest) async throws(TransportError) -> PlatformHTTPResponse {
        var outgoing = HTTPClientRequest(url: rewrite(request.url).absoluteString)
        outgoing.method = HTTPMethod(rawValue: request.method.rawValue)
        for (name, value) in request.headers { outgoing.headers.add(name: name, value: value) }
        if let body = request.body { outgoing.body = .bytes(ByteBuffer(bytes: body)) }
        do {
            let seconds = Int64(request.timeout.components.seconds)
            let response = try await http.execute(outgoing, timeout: .seconds(seconds))
            let body = try await response.body.collect(upTo: 2 << 20)
            var headers: [String: String] = [:]
            for header in response.headers { headers[header.name] = header.value }
            return PlatformHTTPResponse(status: Int(response.status.code), headers: headers, body: Data(buffer: body))
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout {
            throw TransportError(kind: .timeout, mayHaveReachedServer: request.method != .GET, description: "timed out: \(request.url.host ?? "")")
        } catch let error as HTTPClientError where error == .connectTimeout {
            throw TransportError(kind: .connectionFailed, mayHaveReachedServer: false, description: "could not connect to \(request.url.host ?? "")")
        } catch {
            throw TransportError(
                kind: .connectionFailed, mayHaveReachedServer: request.method != .GET,
                description: "connection to \(request.url.host ?? "") failed")
        }
    }
}
