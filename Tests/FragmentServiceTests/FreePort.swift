import AsyncHTTPClient
import Foundation
import NIOCore

#if canImport(Glibc)
    import Glibc
#endif

/// A port nothing listens on right now, and a plain GET to a server that may still be starting.
enum FreePort {
    /// A port from 20000–32767 that can be bound on 127.0.0.1 now. Below Linux's ephemeral range
    /// (32768 and up) on purpose: a port the kernel picked for "port 0" would be handed to the
    /// next test server or outgoing connection in this busy process before the caller binds it.
    static func find() throws -> Int {
        for _ in 0..<200 {
            let port = Int.random(in: 20_000...32_767)
            if canBind(port) { return port }
        }
        throw POSIXError(.EADDRINUSE)
    }

    private static func canBind(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let length = socklen_t(MemoryLayout<sockaddr_in>.size)
        return withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } } == 0
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
