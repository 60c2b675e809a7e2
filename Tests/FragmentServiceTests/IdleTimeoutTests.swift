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
        // A write can fail only because the server closed the connection already (a machine so
        // busy that more than the idle timeout passed since connecting); the wait below then
        // ends at once and the time says so.
        if !bytes.isEmpty { try? await channel.writeAndFlush(ByteBuffer(string: bytes)).get() }
        let closed = try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask {
                try await channel.closeFuture.get(); return true
            }
            group.addTask {
                try await Task.sleep(for: limit); return false
            }
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

    /// Sends `request` over a new connection and returns everything the server wrote before
    /// closing it. On a machine so busy that the request goes out more than the idle timeout
    /// after the connection opened, the server has rightly closed it: try again, up to three times.
    static func answer(port: Int, to request: String) async throws -> String {
        for attempt in 1...3 {
            do {
                return try await answerOnce(port: port, to: request)
            } catch  where Self.closedByServer(error) && attempt < 3 {
                continue
            }
        }
        return ""
    }

    /// The server closed the connection under the client: seen as a write to a closed channel,
    /// or as a reset (ECONNRESET) when the close raced the request.
    static func closedByServer(_ error: any Error) -> Bool {
        if let error = error as? ChannelError { return error == .ioOnClosedChannel }
        if let error = error as? IOError { return error.errnoCode == ECONNRESET || error.errnoCode == EPIPE }
        return false
    }

    private static func answerOnce(port: Int, to request: String) async throws -> String {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton).connect(host: "127.0.0.1", port: port) { channel in
            channel.eventLoop.makeCompletedFuture { try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel) }
        }
        return try await channel.executeThenClose { inbound, outbound in
            try await outbound.write(ByteBuffer(string: request))
            var text = ""
            for try await chunk in inbound { text += String(buffer: chunk) }
            return text
        }
    }

    @Test func aHalfSentRequestHeadOrASilentConnectionIsClosedAfterTheIdleTimeout() async throws {
        let app = try await TestEnvironment.app(["SOCIAL_IDLE_TIMEOUT_SECONDS": "1"])
        let finished = FragmentRenderCacheTests.Counter()
        do {
            try await checkIdleTimeout(app, finished: finished)
        } catch let error as ChannelError where finished.value == 1 && error == .ioOnClosedChannel {
            // The test client's own idle connection was closed by the server, as it should be,
            // and the client's teardown trips over that; every check above has run.
        }
    }

    private func checkIdleTimeout(_ app: some ApplicationProtocol, finished: FragmentRenderCacheTests.Counter) async throws {
        try await app.test(.live) { client in
            let port = try #require(client.port)
            // A complete request is answered. Over a connection of its own: the test client's
            // connection was opened when the server started, and on a busy machine it may have
            // sat idle past the timeout already.
            let answer = try await Self.answer(port: port, to: "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            #expect(answer.hasPrefix("HTTP/1.1 200") && answer.hasSuffix("ok"), "\(answer)")
            // Half a request head, never finished (the "slowloris" pattern).
            let halfOpen = try #require(try await Self.secondsUntilClosed(port: port, sending: "GET /healthz HTTP/1.1\r\nHost: x\r\n"))
            #expect(halfOpen >= 0.9 && halfOpen < 5, "closed after \(halfOpen) s")
            // A connection that never sends a byte.
            let silent = try #require(try await Self.secondsUntilClosed(port: port, sending: ""))
            #expect(silent >= 0.9 && silent < 5, "closed after \(silent) s")
            finished.increment()
        }
    }

    @Test func theIdleTimeoutIsConfigurableAndChecked() throws {
        #expect(try TestEnvironment.configuration().idleTimeoutSeconds == 30)
        #expect(try TestEnvironment.configuration(["SOCIAL_IDLE_TIMEOUT_SECONDS": "5"]).idleTimeoutSeconds == 5)
        #expect(throws: (any Error).self) { try TestEnvironment.configuration(["SOCIAL_IDLE_TIMEOUT_SECONDS": "0"]) }
        #expect(throws: (any Error).self) { try TestEnvironment.configuration(["SOCIAL_IDLE_TIMEOUT_SECONDS": "soon"]) }
    }
}
