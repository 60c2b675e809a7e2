#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// An IPv4 or IPv6 address as raw network-order bytes, the unit `AddressPolicy` judges.
///
/// Parsing is strict on purpose: `init?(literal:)` accepts only the canonical dotted quad and
/// the forms `inet_pton` accepts for IPv6, so `0177.0.0.1`, `2130706433`, `0x7f.1` or `127.1`
/// are not addresses here. `legacyNumericValue(of:)` reads those odd notations the way
/// `inet_aton` (and so `getaddrinfo`) would, which lets callers refuse them knowingly.
package struct IPAddress: Hashable, Sendable, CustomStringConvertible {
    /// Which family the bytes belong to.
    package enum Family: Sendable { case v4, v6 }

    /// 4 bytes for IPv4, 16 for IPv6, most significant first.
    package let bytes: [UInt8]

    /// The address family, from the byte count.
    package var family: Family { bytes.count == 4 ? .v4 : .v6 }

    /// An IPv4 address from its four octets.
    package init(v4 a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) { bytes = [a, b, c, d] }

    /// An address from raw bytes; `nil` unless there are exactly 4 or 16.
    package init?(bytes: [UInt8]) {
        guard bytes.count == 4 || bytes.count == 16 else { return nil }
        self.bytes = bytes
    }

    /// Parses a canonical literal: a dotted quad of decimal octets without leading zeros, or an
    /// IPv6 address (optionally in brackets, never with a zone). Anything else is `nil`.
    package init?(literal text: String) {
        var text = Substring(text)
        if text.hasPrefix("["), text.hasSuffix("]") { text = text.dropFirst().dropLast() }
        if text.contains(":") {
            guard !text.contains("%"), let parsed = Self.parseIPv6(String(text)) else { return nil }
            bytes = parsed
            return
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var octets: [UInt8] = []
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy({ $0.isASCII && $0.isNumber }),
                part == "0" || !part.hasPrefix("0"), let value = UInt8(part)
            else { return nil }
            octets.append(value)
        }
        bytes = octets
    }

    /// Reads `host` as `inet_aton` would: one to four parts, each decimal, octal (leading `0`) or
    /// hex (`0x`), the last part filling the remaining bytes. `nil` when it is not numeric.
    /// `127.1`, `0177.0.0.1`, `0x7f.1` and `2130706433` all read as 127.0.0.1.
    package static func legacyNumericValue(of host: String) -> IPAddress? {
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...4).contains(parts.count) else { return nil }
        var values: [UInt64] = []
        for part in parts {
            let lower = part.lowercased()
            let value: UInt64?
            if lower.hasPrefix("0x") {
                let digits = lower.dropFirst(2)
                value = digits.isEmpty ? 0 : (digits.count <= 8 ? UInt64(digits, radix: 16) : nil)
            } else if lower.hasPrefix("0"), lower.count > 1 {
                value = lower.count <= 12 ? UInt64(lower.dropFirst(), radix: 8) : nil
            } else {
                value = (!lower.isEmpty && lower.count <= 10) ? UInt64(lower, radix: 10) : nil
            }
            guard let value else { return nil }
            values.append(value)
        }
        let leading = values.dropLast()
        guard leading.allSatisfy({ $0 <= 0xFF }) else { return nil }
        let lastWidth = 4 - leading.count
        let last = values[values.count - 1]
        guard last < (UInt64(1) << (8 * UInt64(lastWidth))) else { return nil }
        var octets = leading.map { UInt8($0) }
        for shift in stride(from: lastWidth - 1, through: 0, by: -1) {
            octets.append(UInt8((last >> (8 * UInt64(shift))) & 0xFF))
        }
        return IPAddress(bytes: octets)
    }

    /// True when `host` looks like a number to a URL parser or `inet_aton`: its last label is
    /// all digits or `0x`-hex. Such hosts are never treated as names.
    package static func looksNumeric(_ host: String) -> Bool {
        var host = Substring(host)
        if host.hasSuffix(".") { host = host.dropLast() }
        guard let last = host.split(separator: ".", omittingEmptySubsequences: false).last, !last.isEmpty else {
            return false
        }
        let lower = last.lowercased()
        if lower.hasPrefix("0x") { return lower.dropFirst(2).allSatisfy(\.isHexDigit) }
        return lower.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// The dotted quad, or the compressed IPv6 text from `inet_ntop`.
    package var description: String {
        if family == .v4 { return bytes.map(String.init).joined(separator: ".") }
        var raw = in6_addr()
        withUnsafeMutableBytes(of: &raw) { $0.copyBytes(from: bytes) }
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        guard inet_ntop(AF_INET6, &raw, &buffer, socklen_t(buffer.count)) != nil else { return "invalid" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func parseIPv6(_ text: String) -> [UInt8]? {
        var raw = in6_addr()
        guard inet_pton(AF_INET6, text, &raw) == 1 else { return nil }
        return withUnsafeBytes(of: &raw) { Array($0) }
    }
}
