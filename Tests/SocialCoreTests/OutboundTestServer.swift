import Foundation
import Hummingbird
import Logging
import NIOCore

@testable import SocialCore

/// A real HTTP server on 127.0.0.1, port 0, with the routes the outbound tests need.
/// It records every request it receives so tests can assert what arrived (and what did not).
struct OutboundTestServer {
    /// What the server saw, in order.
    final class Journal: @unchecked Sendable {
        private let lock = NSLock()
        private var entries: [(path: String, host: String?, userAgent: String?, authorization: String?)] = []

        func record(_ request: Request) {
            lock.withLock {
                entries.append(
                    (request.uri.path, request.head.authority, request.headers[.userAgent], request.headers[.authorization]))
            }
        }
        var paths: [String] { lock.withLock { entries.map(\.path) } }
        var hosts: [String?] { lock.withLock { entries.map(\.host) } }
        var userAgents: [String?] { lock.withLock { entries.map(\.userAgent) } }
        var authorizations: [String?] { lock.withLock { entries.map(\.authorization) } }
    }

    let port: Int
    let journal: Journal

    /// Runs `body` with a started server and stops the server afterwards.
    static func with<T: Sendable>(_ body: @Sendable (OutboundTestServer) async throws -> T) async throws -> T {
        let journal = Journal()
        let router = Router()
        router.middlewares.add(JournalMiddleware(journal: journal))
        addRoutes(to: router)
        let (ports, portContinuation) = AsyncStream<Int>.makeStream()
        var logger = Logger(label: "outbound-test-server")
        logger.logLevel = .critical
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            },
            logger: logger
        )
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService(gracefulShutdownSignals: []) }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next(), port > 0 else { throw CancellationError() }
            do {
                let result = try await body(OutboundTestServer(port: port, journal: journal))
                group.cancelAll()
                return result
            } catch {
                group.cancelAll()
                throw error
            }
        }
    }

    /// The 1 MiB of zeros gzip makes 1,051 bytes of, rebuilt from its non-zero bytes.
    static let gzipBomb: [UInt8] = {
        var bytes = [UInt8](repeating: 0, count: 1051)
        let nonZero: [(Int, UInt8)] = [
            (0, 31), (1, 139), (2, 8), (8, 2), (9, 3), (10, 237), (11, 193), (12, 49), (13, 1), (17, 194),
            (18, 160), (19, 245), (20, 79), (21, 109), (22, 8), (23, 95), (24, 160), (1041, 62), (1042, 3),
            (1043, 28), (1044, 234), (1045, 56), (1046, 167), (1049, 16),
        ]
        for (index, value) in nonZero { bytes[index] = value }
        return bytes
    }()

    private static func addRoutes(to router: Router<BasicRequestContext>) {
        router.get("ok") { _, _ in html("<p>hello</p>") }
        router.get("redirect") { request, _ in
            let target = request.uri.queryParameters.get("to") ?? "/ok"
            return Response(status: .found, headers: [.location: target])
        }
        router.get("chain/:n") { _, context in
            let n = context.parameters.get("n", as: Int.self) ?? 0
            return Response(status: .found, headers: [.location: "/chain/\(n + 1)"])
        }
        router.get("big") { _, _ in html(String(repeating: "x", count: 64 * 1024)) }
        router.get("big-chunked") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/html"],
                body: ResponseBody { writer in
                    for _ in 0..<64 { try await writer.write(ByteBuffer(repeating: UInt8(ascii: "y"), count: 1024)) }
                    try await writer.finish(nil)
                })
        }
        router.get("slow-body") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/html"],
                body: ResponseBody { writer in
                    try await writer.write(ByteBuffer(string: "<p>start"))
                    try? await Task.sleep(for: .seconds(2))
                    try await writer.write(ByteBuffer(string: "end</p>"))
                    try await writer.finish(nil)
                })
        }
        router.get("slow") { _, _ in
            try? await Task.sleep(for: .seconds(2))
            return html("late")
        }
        router.get("bomb") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "text/html", .contentEncoding: "gzip"],
                body: .init(byteBuffer: ByteBuffer(bytes: gzipBomb)))
        }
        router.get("json") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: "{}")))
        }
        router.get("conditional") { request, _ in
            if request.headers[.ifNoneMatch] == "\"v1\"" {
                return Response(status: .notModified, headers: [.eTag: "\"v1\""])
            }
            var response = html("<p>v1</p>")
            response.headers[.eTag] = "\"v1\""
            response.headers[.lastModified] = "Wed, 01 Jan 2025 00:00:00 GMT"
            return response
        }
        router.post("graph.example/v1/me/feed") { request, _ in
            let body = try await request.body.collect(upTo: 4096)
            return Response(
                status: .created, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: body))
        }
        router.get("status/:code") { _, context in
            Response(status: .init(code: context.parameters.get("code", as: Int.self) ?? 500))
        }
    }

    private static func html(_ text: String) -> Response {
        Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    private struct JournalMiddleware: RouterMiddleware {
        let journal: Journal
        func handle(
            _ request: Request, context: BasicRequestContext, next: (Request, BasicRequestContext) async throws -> Response
        ) async throws -> Response {
            journal.record(request)
            return try await next(request, context)
        }
    }
}

/// Maps test names to fixed addresses; nothing reaches real DNS. Records what was asked.
struct FakeHostResolver: HostResolver {
    let table: [String: [IPAddress]]

    init(_ table: [String: [String]]) {
        self.table = table.mapValues { $0.compactMap(IPAddress.init(literal:)) }
    }

    func resolve(host: String, port: Int, timeout: Duration) async throws -> [IPAddress] {
        guard let addresses = table[host], !addresses.isEmpty else { throw OutboundError.resolutionFailed }
        return addresses
    }
}

/// Collects the remote address of every connection the client opens.
final class ConnectionLog: @unchecked Sendable {
    private let lock = NSLock()
    private var addresses: [String] = []

    func record(_ address: SocketAddress?) { lock.withLock { addresses.append(address?.ipAddress ?? "?") } }
    var remoteAddresses: [String] { lock.withLock { addresses } }
}
