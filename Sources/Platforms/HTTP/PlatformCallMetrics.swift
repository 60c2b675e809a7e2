import Metrics
import Synchronization

/// Latency and results of platform calls, by platform and endpoint (`PlatformEndpoint`), through
/// swift-metrics with the factory given (the service's Prometheus registry).
///
/// Metrics (README, "Metrics and health"): `social_platform_call_duration_seconds{platform,endpoint}`
/// (a histogram) and `social_platform_calls_total{platform,endpoint,result}`, where `result` is the
/// status class (`2xx` … `5xx`) or why no answer came (`timeout`, `connection_failed`, …).
/// Endpoint labels are bounded by construction, and a hard cap stops any surprise: past
/// `maximumEndpoints` distinct ones, new endpoints are counted as `other`.
package final class PlatformCallMetrics: Sendable {
    package static let durationLabel = "social_platform_call_duration_seconds"
    package static let callsLabel = "social_platform_calls_total"
    /// Distinct (platform, endpoint) pairs labelled before new ones become `other`.
    package static let maximumEndpoints = 300

    private let factory: any MetricsFactory
    private let seen = Mutex<Set<String>>([])

    package init(factory: any MetricsFactory) {
        self.factory = factory
    }

    /// Records one call to `platform`: how long it took and how it ended.
    package func record(platform: PlatformName, endpoint: String, result: String, duration: Duration) {
        let endpoint = bounded(platform: platform, endpoint: endpoint)
        Metrics.Timer(label: Self.durationLabel, dimensions: [("platform", platform.rawValue), ("endpoint", endpoint)], factory: factory)
            .record(duration: duration)
        Counter(label: Self.callsLabel, dimensions: [("platform", platform.rawValue), ("endpoint", endpoint), ("result", result)], factory: factory)
            .increment()
    }

    /// The result label of an answer: its status class.
    package static func result(status: Int) -> String {
        switch status {
        case 100..<200: "1xx"
        case 200..<300: "2xx"
        case 300..<400: "3xx"
        case 400..<500: "4xx"
        case 500..<600: "5xx"
        default: "other_status"
        }
    }

    /// The result label of a call that got no answer.
    package static func result(error: TransportError) -> String {
        switch error.kind {
        case .timeout: "timeout"
        case .connectionFailed: "connection_failed"
        case .blockedAddress: "blocked_address"
        case .invalidURL: "invalid_url"
        case .bodyTooLarge: "body_too_large"
        case .other: "error"
        }
    }

    private func bounded(platform: PlatformName, endpoint: String) -> String {
        let key = platform.rawValue + " " + endpoint
        return seen.withLock { seen in
            if seen.contains(key) { return endpoint }
            guard seen.count < Self.maximumEndpoints else { return "other" }
            seen.insert(key)
            return endpoint
        }
    }
}
