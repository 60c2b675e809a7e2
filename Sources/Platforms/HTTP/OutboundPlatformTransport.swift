import Foundation
import NIOHTTP1
import SocialCore

/// The production transport: platform calls go through the service's one `OutboundHTTP`
/// (timeouts, body caps, User-Agent, sandbox rewrite, and the SSRF checks for `.untrusted`
/// destinations such as user-typed Mastodon instances).
package struct OutboundPlatformTransport: PlatformTransport {
    let http: OutboundHTTP
    /// When the service runs on https, Mastodon instances must be https too: the calls carry tokens
    /// and the app's secret (docs/platforms/mastodon.md, "Instance address").
    let requireHTTPSForUntrusted: Bool

    package init(http: OutboundHTTP, requireHTTPSForUntrusted: Bool) {
        self.http = http
        self.requireHTTPSForUntrusted = requireHTTPSForUntrusted
    }

    package func platformURL(_ url: URL) -> URL { http.settings.sandbox.platformURL(url) }

    package func send(_ request: PlatformHTTPRequest) async throws(TransportError) -> PlatformHTTPResponse {
        var headers = HTTPHeaders()
        for (name, value) in request.headers { headers.add(name: name, value: value) }
        let outbound = OutboundRequest(
            url: request.url, method: HTTPMethod(rawValue: request.method.rawValue), headers: headers, body: request.body,
            destination: request.destination == .untrusted ? .untrusted(requireHTTPS: requireHTTPSForUntrusted) : .trusted,
            timeout: request.timeout)
        let sent = request.method != .GET
        do {
            let response = try await http.send(outbound)
            var fields: [String: String] = [:]
            for header in response.headers { fields[header.name] = header.value }
            return PlatformHTTPResponse(status: Int(response.status.code), headers: fields, body: response.body)
        } catch let error as OutboundError {
            let kind: TransportError.Kind
            var reached = false
            switch error {
            case .timeout: kind = .timeout; reached = sent
            case .blockedAddress, .unsupportedScheme, .insecureRedirect: kind = .blockedAddress
            case .invalidURL: kind = .invalidURL
            case .bodyTooLarge, .decompressionLimit: kind = .bodyTooLarge; reached = sent
            case .resolutionFailed, .connectionFailed: kind = .connectionFailed
            default: kind = .other; reached = sent
            }
            throw TransportError(kind: kind, mayHaveReachedServer: reached, description: error.description)
        } catch {
            throw TransportError(kind: .other, mayHaveReachedServer: sent, description: "the request to \(request.url.host ?? "the platform") failed")
        }
    }
}
