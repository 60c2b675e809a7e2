import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix

extension OutboundHTTP {
    /// One hop: what to send where. `url` is the logical URL (before the sandbox rewrite).
    struct Exchange {
        var url: URL
        var method: HTTPMethod
        var headers: HTTPHeaders
        var body: Data?
    }

    /// Sends one hop on `client`, then checks the content type and reads the body up to the cap.
    func perform(
        _ exchange: Exchange, request: OutboundRequest, on client: HTTPClient,
        deadline: ContinuousClock.Instant, logger: Logger
    ) async throws -> OutboundResponse {
        let started = ContinuousClock.now
        let head: HTTPClientResponse
        do {
            head = try await execute(exchange, request: request, on: client, deadline: deadline)
        } catch {
            let mapped = Self.mapped(error, url: exchange.url)
            log(exchange, failure: mapped, since: started, logger: logger)
            throw mapped
        }
        return try await perform(exchange, request: request, head: head, deadline: deadline, started: started, logger: logger)
    }

    /// Finishes a hop whose response head has arrived: content type, body, one log line.
    func perform(
        _ exchange: Exchange, request: OutboundRequest, head: HTTPClientResponse, deadline: ContinuousClock.Instant,
        started: ContinuousClock.Instant, logger: Logger
    ) async throws -> OutboundResponse {
        do {
            let response = try await finish(head, request: request, url: exchange.url, deadline: deadline)
            log(exchange, status: response.status.code, since: started, logger: logger)
            return response
        } catch {
            let mapped = Self.mapped(error, url: exchange.url)
            log(exchange, failure: mapped, since: started, logger: logger)
            throw mapped
        }
    }

    /// Sends the request head and body and waits for the response head.
    func execute(
        _ exchange: Exchange, request: OutboundRequest, on client: HTTPClient, deadline: ContinuousClock.Instant
    ) async throws -> HTTPClientResponse {
        let remaining = deadline - ContinuousClock.now
        guard remaining > .zero else { throw OutboundError.timeout.at(exchange.url) }
        var outgoing = HTTPClientRequest(url: settings.sandbox.rewrite(exchange.url).absoluteString)
        outgoing.method = exchange.method
        outgoing.headers = exchange.headers
        outgoing.headers.replaceOrAdd(name: "User-Agent", value: settings.userAgent)
        if let etag = request.ifNoneMatch { outgoing.headers.replaceOrAdd(name: "If-None-Match", value: etag) }
        if let date = request.ifModifiedSince { outgoing.headers.replaceOrAdd(name: "If-Modified-Since", value: date) }
        if let accepted = request.acceptedContentTypes, !outgoing.headers.contains(name: "Accept") {
            outgoing.headers.add(name: "Accept", value: accepted.sorted().joined(separator: ", "))
        }
        if let body = exchange.body { outgoing.body = .bytes(ByteBuffer(bytes: body)) }
        return try await client.execute(
            outgoing, deadline: .now() + remaining.timeAmount, logger: Self.silentLogger)
    }

    /// Checks the media type of a 2xx response, then collects the body without buffering past the cap.
    func finish(
        _ response: HTTPClientResponse, request: OutboundRequest, url: URL, deadline: ContinuousClock.Instant
    ) async throws -> OutboundResponse {
        let cap = request.maxBodyBytes ?? settings.defaultMaxBodyBytes
        let status = response.status
        if let accepted = request.acceptedContentTypes, (200..<300).contains(status.code), status != .noContent {
            let mediaType = response.headers.first(name: "Content-Type").map(OutboundResponse.mediaType(of:))
            guard let mediaType, accepted.contains(where: { $0.lowercased() == mediaType }) else {
                throw OutboundError.unexpectedContentType.at(url)
            }
        }
        if !response.headers.contains(name: "Content-Encoding"),
            let declared = response.headers.first(name: "Content-Length").flatMap(Int.init), declared > cap
        {
            throw OutboundError.bodyTooLarge.at(url)
        }
        let body = try await collect(response.body, cap: cap, url: url, deadline: deadline)
        return OutboundResponse(status: status, headers: response.headers, body: body, url: url)
    }

    /// Reads the body up to `cap`, racing the call's deadline: AsyncHTTPClient's own deadline
    /// stops applying once the response head has arrived, so a server stalling mid-body would
    /// otherwise hold the call open.
    private func collect(
        _ stream: HTTPClientResponse.Body, cap: Int, url: URL, deadline: ContinuousClock.Instant
    ) async throws -> Data {
        try await withThrowingTaskGroup(of: Data?.self) { group in
            group.addTask {
                var body = Data()
                for try await chunk in stream {
                    guard body.count + chunk.readableBytes <= cap else { throw OutboundError.bodyTooLarge.at(url) }
                    body.append(contentsOf: chunk.readableBytesView)
                }
                return body
            }
            group.addTask {
                try await Task.sleep(until: deadline, clock: .continuous)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let body = first else { throw OutboundError.timeout.at(url) }
            return body
        }
    }

    /// Turns whatever the transport threw into an `OutboundError` naming `url`.
    static func mapped(_ error: any Error, url: URL) -> any Error {
        if let error = error as? OutboundError { return error.redactedURL == nil ? error.at(url) : error }
        if error is CancellationError { return error }
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .writeTimeout, .connectTimeout, .tlsHandshakeTimeout,
                .getConnectionFromPoolTimeout:
                return OutboundError.timeout.at(url)
            case .cancelled:
                return Task.isCancelled ? CancellationError() : OutboundError.timeout.at(url)
            case .remoteConnectionClosed:
                return OutboundError.connectionFailed.at(url)
            default:
                return OutboundError.transportFailed.at(url)
            }
        }
        if let error = error as? ChannelError, case .connectTimeout = error { return OutboundError.timeout.at(url) }
        if error is NIOConnectionError || error is IOError || error is ChannelError {
            return OutboundError.connectionFailed.at(url)
        }
        // NIOHTTPCompression is not a direct dependency, so its error is recognised by name:
        // `NIOHTTPDecompression.DecompressionError.limit` describes itself as "limit".
        if String(reflecting: type(of: error)).hasSuffix("DecompressionError"), String(describing: error) == "limit" {
            return OutboundError.decompressionLimit.at(url)
        }
        return OutboundError.transportFailed.at(url)
    }

    func log(_ exchange: Exchange, status: UInt? = nil, failure: (any Error)? = nil, since: ContinuousClock.Instant, logger: Logger) {
        let elapsed = ContinuousClock.now - since
        let milliseconds = elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
        var metadata: Logger.Metadata = [
            "method": "\(exchange.method.rawValue)",
            "host": "\(exchange.url.host ?? "")",
            "path": "\(exchange.url.path)",
            "duration_ms": "\(milliseconds)",
        ]
        if let status { metadata["status"] = "\(status)" }
        if let failure = failure as? OutboundError { metadata["error"] = "\(failure)" }
        logger.debug(status == nil ? "outbound request failed" : "outbound request", metadata: metadata)
    }
}
