import Testing

@testable import SocialCore

@Suite("Outbound address policy")
struct OutboundAddressPolicyTests {
    static let refusedV4 = [
        "127.0.0.1", "127.255.255.254", "0.0.0.0", "0.1.2.3", "10.0.0.1", "10.255.255.255",
        "172.16.0.1", "172.31.255.255", "192.168.0.1", "192.168.255.255", "169.254.0.1",
        "169.254.169.254", "100.64.0.1", "100.127.255.255", "224.0.0.1", "239.255.255.250",
        "255.255.255.255", "240.0.0.1", "198.18.0.1", "198.19.255.255", "192.0.2.1",
        "198.51.100.7", "203.0.113.9", "192.0.0.8", "192.88.99.1",
    ]

    static let refusedV6 = [
        "::1", "::", "fc00::1", "fd12:3456::1", "fe80::1", "febf::1", "ff02::1", "ff0e::1",
        "::ffff:127.0.0.1", "::ffff:a00:1", "::ffff:169.254.169.254", "::ffff:192.168.1.1",
        "::127.0.0.1", "::a00:1", "64:ff9b::7f00:1", "64:ff9b::10.0.0.1", "64:ff9b::a9fe:a9fe",
        "64:ff9b:1::1", "2002:7f00:1::", "2002:a00:1::1", "2002:a9fe:a9fe::", "2001:db8::1",
        "2001::1", "2001:2::1", "3fff::1", "100::1", "fec0::1",
    ]

    static let allowed = [
        "93.184.216.34", "8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "192.169.0.1",
        "2606:2800:220:1::", "2606:2800:220:1:248:1893:25c8:1946", "2a00:1450:4001:81a::200e",
        "::ffff:93.184.216.34", "64:ff9b::5db8:d822", "2002:5db8:d822::1",
    ]

    @Test("special-purpose addresses of both families are refused", arguments: refusedV4 + refusedV6)
    func refusesSpecialPurpose(_ text: String) throws {
        let address = try #require(IPAddress(literal: text))
        #expect(!AddressPolicy.standard.isAllowed(address))
    }

    @Test("ordinary public unicast addresses are allowed", arguments: allowed)
    func allowsPublic(_ text: String) throws {
        let address = try #require(IPAddress(literal: text))
        #expect(AddressPolicy.standard.isAllowed(address))
    }

    @Test(
        "odd numeric notations decode to the internal address inet_aton sees",
        arguments: [
            ("2130706433", "127.0.0.1"), ("0177.0.0.1", "127.0.0.1"), ("0x7f.1", "127.0.0.1"),
            ("127.1", "127.0.0.1"), ("0x7f000001", "127.0.0.1"), ("0", "0.0.0.0"),
            ("0xa9.0xfe.0xa9.0xfe", "169.254.169.254"), ("2852039166", "169.254.169.254"), ("10.1", "10.0.0.1"),
        ])
    func decodesLegacyNumerals(_ host: String, _ expected: String) throws {
        let decoded = try #require(IPAddress.legacyNumericValue(of: host))
        #expect(decoded.description == expected)
        #expect(!AddressPolicy.standard.isAllowed(decoded))
        #expect(IPAddress.looksNumeric(host))
    }

    @Test(
        "non-canonical numeric hosts are not literals, so they never reach a lookup",
        arguments: ["2130706433", "0177.0.0.1", "0x7f.1", "127.1", "127.000.000.001", "1.2.3.4.5", "[fe80::1%25eth0]"])
    func nonCanonicalIsNotLiteral(_ host: String) {
        #expect(IPAddress(literal: host) == nil)
    }

    @Test("names that merely contain digits are names")
    func namesAreNotNumeric() {
        #expect(!IPAddress.looksNumeric("example.com"))
        #expect(!IPAddress.looksNumeric("1.2.3.example"))
        #expect(IPAddress.looksNumeric("example.123"))
    }

    @Test("an injected exception allows exactly that address")
    func injectedException() throws {
        let loopback = try #require(IPAddress(literal: "127.0.0.1"))
        let policy = AddressPolicy(alsoAllowing: [loopback])
        #expect(policy.isAllowed(loopback))
        #expect(!policy.isAllowed(try #require(IPAddress(literal: "127.0.0.2"))))
        #expect(!policy.isAllowed(try #require(IPAddress(literal: "::1"))))
        #expect(AddressPolicy.allowAll.isAllowed(try #require(IPAddress(literal: "10.0.0.1"))))
    }

    @Test("IPv6 text round-trips through inet_ntop")
    func describesV6() throws {
        #expect(try #require(IPAddress(literal: "[2606:2800:220:1::]")).description == "2606:2800:220:1::")
    }
}
