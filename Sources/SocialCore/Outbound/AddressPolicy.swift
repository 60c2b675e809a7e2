/// Which resolved addresses an untrusted request may connect to.
///
/// The standard policy allows only ordinary public unicast: IPv4 minus the special-purpose
/// ranges of RFC 6890 and its successors, and IPv6 global unicast (2000::/3) minus the
/// documentation, benchmarking, protocol-assignment and tunnel ranges. Forms that embed an IPv4
/// address (IPv4-mapped, NAT64 64:ff9b::/96, 6to4 2002::/16) are judged by the embedded address.
/// Tests inject a policy that additionally allows their own server's address; there is no
/// global switch.
package struct AddressPolicy: Sendable {
    /// Addresses allowed even though the standard rules refuse them (tests' own servers).
    package var alsoAllowed: Set<IPAddress>
    /// When true every address is allowed (`SOCIAL_ALLOW_PRIVATE_HOSTS=1`, development only).
    package var allowsEverything: Bool

    /// The standard policy, optionally allowing a few exact addresses on top.
    package init(alsoAllowing addresses: Set<IPAddress> = []) {
        alsoAllowed = addresses
        allowsEverything = false
    }

    /// The standard policy.
    package static let standard = AddressPolicy()
    /// A policy that allows every address, for `SOCIAL_ALLOW_PRIVATE_HOSTS=1`.
    package static let allowAll: AddressPolicy = {
        var policy = AddressPolicy()
        policy.allowsEverything = true
        return policy
    }()

    /// True when a connection to `address` is acceptable.
    package func isAllowed(_ address: IPAddress) -> Bool {
        if allowsEverything || alsoAllowed.contains(address) { return true }
        switch address.family {
        case .v4: return Self.isPublicV4(address.bytes)
        case .v6: return Self.isPublicV6(address.bytes)
        }
    }

    /// IPv4 ranges that are never a public destination: (network, prefix length).
    private static let blockedV4: [([UInt8], Int)] = [
        ([0, 0, 0, 0], 8),  // "this network", including 0.0.0.0
        ([10, 0, 0, 0], 8),  // private
        ([100, 64, 0, 0], 10),  // carrier-grade NAT
        ([127, 0, 0, 0], 8),  // loopback
        ([169, 254, 0, 0], 16),  // link-local, including 169.254.169.254 cloud metadata
        ([172, 16, 0, 0], 12),  // private
        ([192, 0, 0, 0], 24),  // IETF protocol assignments
        ([192, 0, 2, 0], 24),  // TEST-NET-1 documentation
        ([192, 88, 99, 0], 24),  // 6to4 relay anycast
        ([192, 168, 0, 0], 16),  // private
        ([198, 18, 0, 0], 15),  // benchmarking
        ([198, 51, 100, 0], 24),  // TEST-NET-2 documentation
        ([203, 0, 113, 0], 24),  // TEST-NET-3 documentation
        ([224, 0, 0, 0], 4),  // multicast
        ([240, 0, 0, 0], 4),  // reserved, including 255.255.255.255 broadcast
    ]

    /// IPv6 ranges inside 2000::/3 that are not ordinary destinations.
    private static let blockedV6: [([UInt8], Int)] = [
        ([0x20, 0x01, 0x00, 0x00], 23),  // IETF protocol assignments: Teredo, benchmarking, ORCHID
        ([0x20, 0x01, 0x0d, 0xb8], 32),  // documentation
        ([0x3f, 0xff, 0x00, 0x00], 20),  // documentation (RFC 9637)
    ]

    private static func isPublicV4(_ bytes: [UInt8]) -> Bool {
        !blockedV4.contains { matches(bytes, network: $0.0, prefix: $0.1) }
    }

    private static func isPublicV6(_ bytes: [UInt8]) -> Bool {
        // IPv4-mapped ::ffff:0:0/96 and NAT64 64:ff9b::/96: judged by the embedded IPv4 address.
        if matches(bytes, network: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff], prefix: 96)
            || matches(bytes, network: [0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0], prefix: 96)
        {
            return isPublicV4(Array(bytes[12..<16]))
        }
        // 6to4 2002::/16 carries the IPv4 address in bytes 2...5.
        if matches(bytes, network: [0x20, 0x02], prefix: 16) {
            return isPublicV4(Array(bytes[2..<6]))
        }
        // Everything outside global unicast 2000::/3 is refused: ::, ::1, IPv4-compatible ::/96,
        // unique-local fc00::/7, link-local fe80::/10, site-local, multicast ff00::/8, discard,
        // local-use NAT64 64:ff9b:1::/48.
        guard bytes[0] & 0xE0 == 0x20 else { return false }
        return !blockedV6.contains { matches(bytes, network: $0.0, prefix: $0.1) }
    }

    private static func matches(_ bytes: [UInt8], network: [UInt8], prefix: Int) -> Bool {
        var remaining = prefix
        var index = 0
        while remaining > 0 {
            let network = index < network.count ? network[index] : 0
            let mask: UInt8 = remaining >= 8 ? 0xFF : ~(UInt8(0xFF) >> UInt8(remaining))
            if bytes[index] & mask != network & mask { return false }
            remaining -= 8
            index += 1
        }
        return true
    }
}
