import Testing

@testable import SocialCore

@Suite("System host resolver")
struct OutboundResolverTests {
    @Test("numeric hosts come back from getaddrinfo without a DNS query")
    func numericHost() async throws {
        let addresses = try await SystemHostResolver().resolve(host: "127.0.0.1", port: 80, timeout: .seconds(2))
        #expect(addresses == [IPAddress(v4: 127, 0, 0, 1)])
    }

    @Test("localhost resolves (from the hosts file) only to loopback, which the policy refuses")
    func localhostIsLoopback() async throws {
        let addresses = try await SystemHostResolver().resolve(host: "localhost", port: 80, timeout: .seconds(2))
        #expect(!addresses.isEmpty)
        #expect(addresses.allSatisfy { !AddressPolicy.standard.isAllowed($0) })
    }
}
