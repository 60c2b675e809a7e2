import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Resolves names with the system's `getaddrinfo`, on a Dispatch queue so that neither an event
/// loop nor the Swift concurrency pool blocks on DNS.
///
/// A lookup that outlives its timeout is abandoned (the call returns `.timeout`); the blocked
/// `getaddrinfo` call finishes in the background and its answer is dropped.
package struct SystemHostResolver: HostResolver {
    private static let queue = DispatchQueue(label: "social.outbound.resolver", attributes: .concurrent)

    /// The system resolver.
    package init() {}

    /// Every IPv4 and IPv6 address `getaddrinfo` returns for `host`, in its order, without duplicates.
    package func resolve(host: String, port: Int, timeout: Duration) async throws -> [IPAddress] {
        let once = ResumeOnce()
        return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<[IPAddress], Error>) in
            once.set(continuation)
            Self.queue.async { once.resume(with: Self.lookup(host: host, port: port)) }
            let (seconds, attoseconds) = timeout.components
            let nanoseconds = Double(seconds) * 1e9 + Double(attoseconds) / 1e9
            Self.queue.asyncAfter(deadline: .now() + .nanoseconds(Int(max(0, nanoseconds)))) {
                once.resume(with: .failure(OutboundError.timeout))
            }
        }
    }

    private static func lookup(host: String, port: Int) -> Result<[IPAddress], Error> {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Darwin)
            hints.ai_socktype = SOCK_STREAM
        #else
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #endif
        var result: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &result) == 0, let first = result else {
            return .failure(OutboundError.resolutionFailed)
        }
        defer { freeaddrinfo(first) }
        var addresses: [IPAddress] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let info = cursor {
            if let sockaddr = info.pointee.ai_addr {
                switch info.pointee.ai_family {
                case AF_INET:
                    let raw = sockaddr.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_addr }
                    if let address = withUnsafeBytes(of: raw, { IPAddress(bytes: Array($0)) }) { addresses.append(address) }
                case AF_INET6:
                    let raw = sockaddr.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { $0.pointee.sin6_addr }
                    if let address = withUnsafeBytes(of: raw, { IPAddress(bytes: Array($0)) }) { addresses.append(address) }
                default:
                    break
                }
            }
            cursor = info.pointee.ai_next
        }
        var seen = Set<IPAddress>()
        addresses = addresses.filter { seen.insert($0).inserted }
        return addresses.isEmpty ? .failure(OutboundError.resolutionFailed) : .success(addresses)
    }
}

/// Resumes a continuation exactly once, whichever of the lookup and the timer finishes first.
private final class ResumeOnce: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<[IPAddress], Error>?
    private var pending: Result<[IPAddress], Error>?

    func set(_ continuation: CheckedContinuation<[IPAddress], Error>) {
        lock.lock()
        defer { lock.unlock() }
        if let pending { continuation.resume(with: pending) } else { self.continuation = continuation }
    }

    func resume(with result: Result<[IPAddress], Error>) {
        lock.lock()
        defer { lock.unlock() }
        if let continuation {
            self.continuation = nil
            continuation.resume(with: result)
        } else if pending == nil {
            pending = result
        }
    }
}
