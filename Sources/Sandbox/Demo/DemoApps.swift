import AsyncHTTPClient
import Hummingbird
import Logging
import ServiceLifecycle

/// Builds the three demo apps and the HTTP client they share, as services for one
/// `ServiceGroup` (next to the platform emulator in `social-sandbox --demo`).
struct DemoApps {
    let configuration: DemoAppsConfiguration
    var logger = Logger(label: "demo-apps")

    /// The services, HTTP client first so it is shut down last. `onServerRunning` gets each
    /// app's kind and bound port once it listens.
    func services(onServerRunning: @escaping @Sendable (DemoAppKind, Int) async -> Void = { _, _ in }) -> [any Service] {
        var http = HTTPClient.Configuration()
        http.redirectConfiguration = .disallow
        http.timeout.connect = configuration.fragmentTimeout.timeAmount
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: http)
        let shareButtons = ShareButtonClient(http: client, serviceURL: configuration.serviceURL, timeout: configuration.fragmentTimeout)
        var services: [any Service] = [DemoHTTPClientService(client: client)]
        for kind in DemoAppKind.allCases {
            services.append(application(kind: kind, client: client, shareButtons: shareButtons, onServerRunning: onServerRunning))
        }
        return services
    }

    func application(
        kind: DemoAppKind, client: HTTPClient, shareButtons: ShareButtonClient,
        onServerRunning: @escaping @Sendable (DemoAppKind, Int) async -> Void
    ) -> some ApplicationProtocol {
        let port = configuration.port(of: kind)
        let configuration = configuration
        let site = DemoSite(kind: kind, origin: configuration.origin(port: port))
        let sender = DemoWebhookSender(
            http: client, serviceURL: configuration.serviceURL, kind: kind, secret: configuration.secrets[kind],
            author: configuration.author,
            timeout: configuration.publishTimeout.timeAmount)
        let router = Router(context: BasicRequestContext.self)
        DemoAppController(site: site, shareButtons: shareButtons, sender: sender).addRoutes(to: router)
        var appLogger = logger
        appLogger[metadataKey: "app"] = .string(kind.rawValue)
        return Application(
            router: router,
            configuration: .init(address: .hostname(configuration.host, port: port), serverName: "demo-\(kind.rawValue)"),
            onServerRunning: { channel in
                let bound = channel.localAddress?.port ?? port
                await site.setOrigin(configuration.origin(port: bound))
                await onServerRunning(kind, bound)
            },
            logger: appLogger
        )
    }
}
