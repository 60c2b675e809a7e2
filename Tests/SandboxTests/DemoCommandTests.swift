import Testing
@testable import Sandbox

/// `social-sandbox` options and environment that start the demo apps.
@Suite("Demo command line") struct DemoCommandTests {
    @Test("without --demo the sandbox options are unchanged; --demo takes the service URL, host and ports")
    func options() throws {
        let plain = try SandboxCommand.parse(["--port", "8100"])
        #expect(plain.demo == false)
        #expect(plain.port == 8100)
        #expect([plain.blogPort, plain.eventsPort, plain.marketPort] == [8201, 8202, 8203])
        #expect(plain.serviceURL == "http://127.0.0.1:8080")

        let demo = try SandboxCommand.parse([
            "--demo", "--service-url", "http://127.0.0.1:9090/", "--demo-host", "0.0.0.0",
            "--blog-port", "9201", "--events-port", "9202", "--market-port", "9203",
        ])
        #expect(demo.demo)
        #expect(demo.serviceURL == "http://127.0.0.1:9090/")
        #expect(demo.demoHost == "0.0.0.0")
        #expect([demo.blogPort, demo.eventsPort, demo.marketPort] == [9201, 9202, 9203])
    }

    @Test("secrets and the author come from the environment; public URLs never use a wildcard host")
    func environment() {
        var configuration = DemoAppsConfiguration(serviceURL: "http://127.0.0.1:8080/", host: "0.0.0.0")
        configuration.read(environment: ["DEMO_BLOG_SECRET": "b", "DEMO_MARKET_SECRET": "m", "DEMO_EVENTS_SECRET": "", "DEMO_AUTHOR": "demo-bo"])
        #expect(configuration.serviceURL == "http://127.0.0.1:8080")
        #expect(configuration.secrets == [.blog: "b", .market: "m"])
        #expect(configuration.author == "demo-bo")
        #expect(configuration.port(of: .events) == 8202)
        #expect(configuration.origin(port: 8201) == "http://127.0.0.1:8201")
        #expect(DemoAppsConfiguration(serviceURL: "x").author == "demo-ada")
    }
}
