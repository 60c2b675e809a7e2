@testable import Platforms

/// A transport for tests that must not reach any server.
struct NoTransport: PlatformTransport {
    func send(_ request: PlatformHTTPRequest) async throws(TransportError) -> PlatformHTTPResponse {
        throw TransportError(kind: .other, mayHaveReachedServer: false, description: "no network in this test")
    }
}
