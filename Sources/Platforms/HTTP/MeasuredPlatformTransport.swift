import Foundation

/// A transport that times every call one platform makes through `base` and counts how it ended
/// (`PlatformCallMetrics`). The registry gives each platform its own, so the platform label is
/// known without reading it off the host (Facebook and Instagram share Graph API hosts).
package struct MeasuredPlatformTransport: PlatformTransport {
    let base: any PlatformTransport
    let platform: PlatformName
    let metrics: PlatformCallMetrics

    package init(base: any PlatformTransport, platform: PlatformName, metrics: PlatformCallMetrics) {
        self.base = base
        self.platform = platform
        self.metrics = metrics
    }

    package func platformURL(_ url: URL) -> URL { base.platformURL(url) }

    package func send(_ request: PlatformHTTPRequest) async throws(TransportError) -> PlatformHTTPResponse {
        let endpoint = PlatformEndpoint.label(method: request.method, url: request.url, destination: request.destination)
        let clock = ContinuousClock()
        let start = clock.now
        do throws(TransportError) {
            let response = try await base.send(request)
            metrics.record(
                platform: platform, endpoint: endpoint, result: PlatformCallMetrics.result(status: response.status), duration: clock.now - start)
            return response
        } catch {
            metrics.record(platform: platform, endpoint: endpoint, result: PlatformCallMetrics.result(error: error), duration: clock.now - start)
            throw error
        }
    }
}
