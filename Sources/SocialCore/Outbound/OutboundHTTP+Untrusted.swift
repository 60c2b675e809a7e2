import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// Untrusted destinations: check every address, pin the connection, follow redirects by hand.
///
/// Pinning: AsyncHTTPClient 1.37 has `HTTPClient.Configuration.dnsOverride` (host → address),
/// which connects to the given address while keeping the `Host` header, TLS SNI and certificate
/// verification on the name. It is per client, not per request, so each untrusted hop gets a
/// short-lived `HTTPClient` on the shared event loop group whose override maps the hop's host to
/// the address just checked, and that client is shut down when the hop ends. DNS is asked once
/// per hop, by us; no second answer can differ because AsyncHTTPClient never looks the name up.
/// These clients also carry what must not apply to the shared one: redirects disabled, HTTP/1
/// only, and a decompression limit equal to the call's body cap.
extension OutboundHTTP {
    private enum HopResult {
        case redirect(Exchange)
        case response(OutboundResponse)
    }

    /// Redirect statuses followed for untrusted requests.
    private static let redirectStatuses: Set<UInt> = [301, 302, 303, 307, 308]
    /// Headers that must not follow a redirect to another origin.
    private static let credentialHeaders = ["Authorization", "Cookie", "Proxy-Authorization"]

    func sendUntrusted(
        _ request: OutboundRequest, requireHTTPS: Bool, deadline: ContinuousClock.Instant, logger: Logger
    ) async throws -> OutboundResponse {
        var exchange = Exchange(
            url: try Self.normalized(request.url), method: request.method, headers: request.headers,
            body: request.body)
        var redirects = 0
        while true {
            if requireHTTPS, exchange.url.scheme != "https" {
                throw (redirects == 0 ? OutboundError.unsupportedScheme : .insecureRedirect).at(exchange.url)
            }
            let client: HTTPClient
            do {
                client = try await pinnedClient(for: exchange.url, request: request, deadline: deadline)
            } catch let error as OutboundError where error == .blockedAddress {
                // People see only "cannot be reached from here"; the resolved address is kept for operators.
                logger.notice("outbound destination refused", metadata: ["detail": "\(error.debugDescription)"])
                throw error
            }
            let result: HopResult
            do {
                result = try await hop(exchange, request: request, client: client, redirects: redirects, deadline: deadline, logger: logger)
            } catch {
                try? await client.shutdown()
                throw error
            }
            try? await client.shutdown()
            switch result {
            case .response(let response):
                return response
            case .redirect(let next):
                exchange = next
                redirects += 1
            }
        }
    }

    /// Sends one hop; a redirect becomes the next exchange, anything else the final response.
    private func hop(
        _ exchange: Exchange, request: OutboundRequest, client: HTTPClient, redirects: Int,
        deadline: ContinuousClock.Instant, logger: Logger
    ) async throws -> HopResult {
        let started = ContinuousClock.now
        let head: HTTPClientResponse
        do {
            head = try await execute(exchange, request: request, on: client, deadline: deadline)
        } catch {
            let mapped = Self.mapped(error, url: exchange.url)
            log(exchange, failure: mapped, since: started, logger: logger)
            throw mapped
        }
        guard Self.redirectStatuses.contains(head.status.code), let location = head.headers.first(name: "Location") else {
            return .response(try await perform(exchange, request: request, head: head, deadline: deadline, started: started, logger: logger))
        }
        logger.debug(
            "outbound redirect",
            metadata: [
                "method": "\(exchange.method.rawValue)", "host": "\(exchange.url.host ?? "")",
                "path": "\(exchange.url.path)", "status": "\(head.status.code)",
            ])
        guard redirects < settings.maxRedirects else { throw OutboundError.tooManyRedirects.at(exchange.url) }
        guard let target = URL(string: location, relativeTo: exchange.url)?.absoluteURL else {
            throw OutboundError.invalidURL.at(exchange.url)
        }
        var next = exchange
        next.url = try Self.normalized(target)
        let code = head.status.code
        if code == 303 && exchange.method != .HEAD || (code == 301 || code == 302) && exchange.method == .POST {
            next.method = .GET
            next.body = nil
            next.headers.remove(name: "Content-Type")
            next.headers.remove(name: "Content-Length")
        }
        if Self.origin(of: next.url) != Self.origin(of: exchange.url) {
            for name in Self.credentialHeaders { next.headers.remove(name: name) }
        }
        return .redirect(next)
    }

    /// A short-lived client whose only connection target is an address checked for `url`'s host.
    private func pinnedClient(
        for url: URL, request: OutboundRequest, deadline: ContinuousClock.Instant
    ) async throws -> HTTPClient {
        var overrides: [String: String] = [:]
        if !settings.sandbox.isActive {
            // The sandbox is operator configuration; with it on, no request leaves for the named host.
            let (host, address) = try await checkedAddress(for: url, deadline: deadline)
            if IPAddress(literal: host) == nil { overrides[host] = address.description }
        }
        let cap = request.maxBodyBytes ?? settings.defaultMaxBodyBytes
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: settings.connectTimeout.timeAmount, read: nil),
            decompression: .enabled(limit: .size(cap))
        )
        configuration.dnsOverride = overrides
        configuration.httpVersion = .http1Only
        Self.observe(&configuration, with: connectionObserver)
        return HTTPClient(
            eventLoopGroup: eventLoopGroup, configuration: configuration, backgroundActivityLogger: Self.silentLogger)
    }

    /// Resolves `url`'s host (unless it is a literal), checks every address against the policy
    /// and returns the first. Numeric hosts in any notation other than the canonical dotted quad
    /// are refused outright, whatever they would decode to.
    func checkedAddress(for url: URL, deadline: ContinuousClock.Instant) async throws -> (host: String, address: IPAddress) {
        guard var host = url.host?.lowercased(), !host.isEmpty else { throw OutboundError.invalidURL.at(url) }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        let policy = settings.addressPolicy
        if let literal = IPAddress(literal: host) {
            guard policy.isAllowed(literal) else { throw OutboundError.blockedAddress.at(url, host: host) }
            return (host, literal)
        }
        if IPAddress.looksNumeric(host) || host.contains(":") {
            throw OutboundError.blockedAddress.at(url, host: host)
        }
        let remaining = deadline - ContinuousClock.now
        guard remaining > .zero else { throw OutboundError.timeout.at(url) }
        let port = url.port ?? (url.scheme == "https" ? 443 : 80)
        let addresses: [IPAddress]
        do {
            addresses = try await resolver.resolve(host: host, port: port, timeout: min(remaining, settings.resolveTimeout))
        } catch let error as OutboundError {
            throw error.at(url, host: host)
        }
        guard let first = addresses.first else { throw OutboundError.resolutionFailed.at(url, host: host) }
        if let refused = addresses.first(where: { !policy.isAllowed($0) }) {
            throw OutboundError.blockedAddress.at(url, host: host, refusedAddress: "\(refused)")
        }
        return (host, first)
    }

    private static func origin(of url: URL) -> String {
        "\(url.scheme ?? "")://\(url.host ?? ""):\(url.port ?? (url.scheme == "https" ? 443 : 80))"
    }
}
