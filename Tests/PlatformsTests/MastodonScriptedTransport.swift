import Foundation

@testable import Platforms

/// A transport that answers from a script and records what was asked, for checks the sandbox
/// cannot stage (non-Mastodon servers, the request policy itself). Optionally forwards to another
/// transport. (An `NSLock` rather than `Mutex`: the package still targets macOS 14.)
final class MastodonScriptedTransport: PlatformTransport, @unchecked Sendable {  // `log` is guarded by `lock`.
    typealias Script = @Sendable (PlatformHTTPRequest) -> PlatformHTTPResponse?

    private let script: Script
    private let forward: (any PlatformTransport)?
    private let lock = NSLock()
    private var log: [PlatformHTTPRequest] = []

    init(forwardingTo forward: (any PlatformTransport)? = nil, _ script: @escaping Script = { _ in nil }) {
        self.script = script
        self.forward = forward
    }

    /// Every request sent so far.
    var requests: [PlatformHTTPRequest] { lock.withLock { log } }

    func send(_ request: PlatformHTTPRequest) async throws(TransportError) -> PlatformHTTPResponse {
        lock.withLock { log.append(request) }
        if let answer = script(request) { return answer }
        guard let forward else {
            throw TransportError(kind: .connectionFailed, mayHaveReachedServer: false, description: "no script for \(request.url.path)")
        }
        return try await forward.send(request)
    }

    static func json(_ status: Int, _ body: String) -> PlatformHTTPResponse {
        PlatformHTTPResponse(status: status, headers: ["Content-Type": "application/json"], body: Data(body.utf8))
    }

    static func html(_ status: Int) -> PlatformHTTPResponse {
        PlatformHTTPResponse(status: status, headers: ["Content-Type": "text/html"], body: Data("<html><body>Bad Gateway</body></html>".utf8))
    }
}
