import AsyncHTTPClient
import Foundation
import NIOCore

#if canImport(Glibc)
    import Glibc
#endif

/// A port nothing listens on right now, and a plain GET to a server that may still be starting.
enum FreePort {
    /// Binds a socket to port 0 on 127.0.0.1, reads the port the kernel chose, and closes it.
    static func find() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EMFILE) }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        guard bound == 0 else { throw POSIXError(.EADDRINUSE) }
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { throw POSIXError(.EINVAL) }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// GETs `url`; a refused connection (the server is not listening yet) is tried again, up to
    /// 200 times 50 ms apart.
    static func get(_ url: String, headers: [(String, String)] = []) async throws -> (status: Int, body: String) {
        var attempt = 0
        while true {
            do {
                var request = HTTPClientRequest(url: url)
                for (name, value) in headers { request.headers.add(name: name, value: value) }
                let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
                let body = try await response.body.collect(upTo: 4 << 20)
                return (Int(response.status.code), String(buffer: body))
            } catch {
                attempt += 1
                guard attempt < 200 else { throw error }
                try await Task.sleep(for: .milliseconds(50))
            }
        }
    }
}
