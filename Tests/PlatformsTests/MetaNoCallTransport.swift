import Foundation
import Testing

@testable import Platforms

/// A transport that fails the test if any call is made: proves a refusal happened before the network.
struct NoCallTransport: PlatformTransport {
    func send(_ request: PlatformHTTPRequest) async throws(TransportError) -> PlatformHTTPResponse {
        Issue.record("unexpected call to \(request.url.host ?? "")\(request.url.path)")
        throw TransportError(kind: .other, mayHaveReachedServer: false, description: "no calls allowed")
    }
}
