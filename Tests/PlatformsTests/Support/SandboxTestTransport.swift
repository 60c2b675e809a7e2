import AsyncHTTPClient
import Foundation
import Logging
import SocialCore

@testable import Platforms

/// The transport tests use: the production `OutboundPlatformTransport` over an `OutboundHTTP`
/// whose sandbox route points at the in-process sandbox, so every platform URL goes there under
/// the host-prefix rule exactly as in `make run`.
struct SandboxTestTransport: PlatformTransport {
    let route: SandboxRoute
    let outbound: OutboundHTTP
    private let inner: OutboundPlatformTransport

    init(port: Int) {
        route = SandboxRoute(sandboxURL: URL(string: "http://127.0.0.1:\(port)")!)
        var logger = Logger(label: "platform-test")
        logger.logLevel = .error
        outbound = OutboundHTTP(settings: OutboundSettings(userAgent: "RoseAshSocial/tests", sandbox: route), logger: logger)
        inner = OutboundPlatformTransport(http: outbound, requireHTTPSForUntrusted: true)
    }

    /// Kept for callers written against the first version of this helper; `http` is unused.
    init(port: Int, http: HTTPClient) { self.init(port: port) }

    func rewrite(_ url: URL) -> URL { route.rewrite(url) }

    func platformURL(_ url: URL) -> URL { route.platformURL(url) }

    func send(_ request: PlatformHTTPRequest) async throws(TransportError) -> PlatformHTTPResponse {
        try await inner.send(request)
    }
}
