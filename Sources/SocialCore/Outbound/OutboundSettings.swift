import Foundation

/// Service-wide outbound defaults, set once in the composition root.
package struct OutboundSettings: Sendable {
    /// Sent on every request: `RoseAshSocial/1.0 (+PUBLIC_BASE_URL)`.
    package var userAgent: String
    /// The sandbox rewrite applied to every request.
    package var sandbox: SandboxRoute
    /// Addresses untrusted requests may connect to. `allowPrivateHosts` replaces it with `.allowAll`.
    package var addressPolicy: AddressPolicy
    /// Total time per call when the request does not say (all redirect hops together).
    package var defaultTimeout: Duration
    /// Body cap per call when the request does not say.
    package var defaultMaxBodyBytes: Int
    /// Time allowed to open a TCP (and TLS) connection, within the call's deadline.
    package var connectTimeout: Duration
    /// Time allowed for one name lookup, within the call's deadline.
    package var resolveTimeout: Duration
    /// Redirect hops an untrusted request follows before giving up.
    package var maxRedirects: Int
    /// Decompressed-size limit of the shared (trusted) client, fixed when it is created.
    package var trustedDecompressionLimit: Int

    /// Defaults: 15 s per call, 2 MiB bodies, 5 s connect and lookup, 5 redirects.
    package init(
        userAgent: String,
        sandbox: SandboxRoute = .direct,
        addressPolicy: AddressPolicy = .standard,
        defaultTimeout: Duration = .seconds(15),
        defaultMaxBodyBytes: Int = 2 * 1024 * 1024,
        connectTimeout: Duration = .seconds(5),
        resolveTimeout: Duration = .seconds(5),
        maxRedirects: Int = 5,
        trustedDecompressionLimit: Int = 16 * 1024 * 1024
    ) {
        self.userAgent = userAgent
        self.sandbox = sandbox
        self.addressPolicy = addressPolicy
        self.defaultTimeout = defaultTimeout
        self.defaultMaxBodyBytes = defaultMaxBodyBytes
        self.connectTimeout = connectTimeout
        self.resolveTimeout = resolveTimeout
        self.maxRedirects = maxRedirects
        self.trustedDecompressionLimit = trustedDecompressionLimit
    }

    /// Settings from the service configuration: User-Agent from `PUBLIC_BASE_URL`, the sandbox
    /// from `SOCIAL_SANDBOX_URL`, and every address allowed under `SOCIAL_ALLOW_PRIVATE_HOSTS=1`.
    package init(configuration: AppConfiguration) {
        self.init(
            userAgent: "RoseAshSocial/1.0 (+\(configuration.publicBaseURL.absoluteString))",
            sandbox: SandboxRoute(sandboxURL: configuration.sandboxURL),
            addressPolicy: configuration.allowPrivateHosts ? .allowAll : .standard
        )
    }
}

extension OutboundSettings {
    /// Settings for fetching content pages and feeds: the same policy, but never the platform
    /// sandbox — content lives on the open web (or the local demo apps), not on a platform host.
    package static func content(configuration: AppConfiguration) -> OutboundSettings {
        var settings = OutboundSettings(configuration: configuration)
        settings.sandbox = .direct
        return settings
    }
}
