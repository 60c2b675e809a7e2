import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import NIOPosix
import Testing

@testable import FragmentService

@Suite struct IdleTimeoutTests {
    /// Connects over a real socket, sends `bytes` and returns how long the server took to close
    /// the connection (nil when it was still open after `limit`).
    static func secondsUntilClosed(port: Int, sending bytes: String, limit: Duration = .seconds(10)) async throws -> Double? {
        // Timed from before connecting: the server's clock starts when it accepts.
        let started = ContinuousClock.now
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port).get()
        if !bytes.isEmpty { try await channel.writeAndFlush(ByteBuffer(string: bytes)).get() }
        let closed = try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask { try await channel.closeFuture.get(); return true }
            group.addTask { try await Task.sleep(for: limit); return false }
            let first = try await group.next() ?? false
            group.cancelAll()
            return first
        }
        guard closed else {
            try? await channel.close()
            return nil
        }
        let elapsed = ContinuousClock.now - started
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    @Test func aHalfSentRequestHeadOrASilentConnectionIsClosedAfterTheIdleTimeout() async throws {
        let app = try await TestEnvironment.app(["SOCIAL_IDLE_TIMEOUT_SECONDS": "1"])
        try await app.test(.live) { client in
            let port = try #require(client.port)
            // A complete request is answered (first: the test client's own connection times out too).
            try await client.execute(uri: "/healthz", method: .get) { #expect(String(buffer: $0.body) == "ok") }
            // Half a request head, never finished (the "slowloris" pattern).
            let halfOpen = try #require(try await Self.secondsUntilClosed(port: port, sending: "GET /healthz HTTP/1.1\r\nHost: x\r\n"))
            #expect(halfOpen >= 0.9 && halfOpen < 5, "closed after \(halfOpen) s")
            // A connection that never sends a byte.
            let silent = try #require(try await Self.secondsUntilClosed(port: port, sending: ""))
            #expect(silent >= 0.9 && silent < 5, "closed after \(silent) s")
        }
    }

    @Test func theIdleTimeoutIsConfigurableAndChecked() throws {
        #expect(try TestEnvironment.configuration().idleTimeoutSeconds == 30)
        #expect(try TestEnvironment.configuration(["SOCIAL_IDLE_TIMEOUT_SECONDS": "5"]).idleTimeoutSeconds == 5)
        #expect(throws: (any Error).self) { try TestEnvironment.configuration(["SOCIAL_IDLE_TIMEOUT_SECONDS": "0"]) }
        #expect(throws: (any Error).self) { try TestEnvironment.configuration(["SOCIAL_IDLE_TIMEOUT_SECONDS": "soon"]) }
    }
}
