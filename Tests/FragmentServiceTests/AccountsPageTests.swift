import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Platforms
import SocialCore
import Testing

@testable import FragmentService

/// The accounts page (`/social/`) says how each account's access stands in a person's words, with
/// the Reconnect button beside the words when there is something to do.
@Suite struct AccountsPageTests {
    /// The `<li>` of the account whose name is `name` in `platform`'s card.
    static func account(_ page: String, _ platform: PlatformName, named name: String) throws -> Substring {
        let card = try #require(page.range(of: #"id="platform-\#(platform.rawValue)""#), "no \(platform) card")
        let start = try #require(
            page[card.upperBound...].range(of: #"<span class="account-name">\#(name)</span>"#), "no account \(name) for \(platform)")
        let open = try #require(page[..<start.lowerBound].range(of: "<li class=\"account", options: .backwards))
        let close = try #require(page[start.upperBound...].range(of: "</li>"))
        return page[open.lowerBound..<close.upperBound]
    }

    /// Connects `platform` through the connect form and the sandbox's consent page.
    static func connect(
        _ platform: PlatformName, account: String, instance: String? = nil, _ flow: ConnectFlow, _ client: some TestClientProtocol,
        _ session: BrowserSession
    ) async throws {
        let (_, _, location) = try await ConnectFlowTests.start(client, platform.rawValue, session, instance: instance)
        let callback = try await flow.consent(at: try #require(location), account: account)
        let (_, _, next) = try await ConnectFlowTests.get(client, callback, session)
        #expect(next == "/social/?notice=connected&platform=\(platform.rawValue)")
    }

    @Test func xAndThreadsRenewAutomaticallyAndMastodonIsConnected() async throws {
        try await ConnectFlow.with { flow, deps, client in
            let session = try await BrowserSession.signedIn(client)
            try await Self.connect(.twitter, account: "1500000000000000001", flow, client, session)
            try await Self.connect(.threads, account: "26000000000000001", flow, client, session)
            try await Self.connect(.mastodon, account: "109000000000000001", instance: "mastodon.social", flow, client, session)
            let connected = try await deps.connections.connections(userID: "demo-ada")
            let x = try #require(connected.first { $0.platform == .twitter })
            let threads = try #require(connected.first { $0.platform == .threads })
            let mastodon = try #require(connected.first { $0.platform == .mastodon })
            // What the sandbox handed out, as the platforms do: X a two-hour token with a refresh
            // token, Threads a 60-day token without one, Mastodon a token that does not expire.
            #expect(x.refreshToken != nil && x.tokenExpiresAt != nil)
            #expect(threads.refreshToken == nil && threads.tokenExpiresAt != nil)
            #expect(mastodon.tokenExpiresAt == nil)

            let (status, page, _) = try await ConnectFlowTests.get(client, "/social/", session)
            #expect(status == .ok)
            let xRow = try Self.account(page, .twitter, named: try #require(x.displayName))
            #expect(xRow.contains("Renews automatically"))
            #expect(!xRow.contains("expire") && !xRow.contains("Reconnect"))
            // Threads' token has no refresh token, but the service renews it by exchanging it.
            let threadsRow = try Self.account(page, .threads, named: try #require(threads.displayName))
            #expect(threadsRow.contains("Renews automatically"))
            #expect(!threadsRow.contains("account-warning") && !threadsRow.contains("Reconnect"))
            let mastodonRow = try Self.account(page, .mastodon, named: try #require(mastodon.displayName))
            #expect(mastodonRow.contains(">Connected<"))
            #expect(!mastodonRow.contains("Reconnect"))

            // A revoked token: the reason and the Reconnect form for the same server, side by side.
            try await deps.connections.markNeedsReconnect(id: mastodon.id, reason: "The access token was revoked.")
            let (_, after, _) = try await ConnectFlowTests.get(client, "/social/", session)
            let revoked = try Self.account(after, .mastodon, named: try #require(mastodon.displayName))
            #expect(revoked.contains("account-warning"))
            #expect(revoked.contains("Needs reconnecting: The access token was revoked."))
            #expect(revoked.contains(#"action="/social/connect/mastodon/""#))
            #expect(revoked.contains(/name="instance" value="[^"]*mastodon\.social[^"]*"/))
            #expect(revoked.contains(#"<button type="submit">Reconnect"#))
        }
    }

    @Test func aDeadlineWithinTwoWeeksIsAWarningAndAPastOneSaysExpired() async throws {
        let deps = AppDependencies.inMemory()
        let now = Date()
        let cases: [(String, TimeInterval)] = [("Soon", 3 * 86_400), ("Later", 40 * 86_400), ("Gone", -3600)]
        for (name, offset) in cases {
            _ = try await deps.connections.connect(
                userID: "demo-ada", platform: .linkedin,
                result: OAuthResult(
                    platformUserID: "li-\(name)", displayName: name, accessToken: "token-\(name)", expiresAt: now.addingTimeInterval(offset)))
        }
        let app = try await buildApplication(configuration: TestEnvironment.configuration(), dependencies: deps, logger: TestEnvironment.logger)
        try await app.test(.router) { client in
            let session = try await BrowserSession.signedIn(client)
            let (_, page, _) = try await ConnectFlowTests.get(client, "/social/", session)
            let soon = try Self.account(page, .linkedin, named: "Soon")
            #expect(soon.contains("account-warning") && soon.contains("Reconnect before "))
            #expect(soon.contains(#"<button type="submit">Reconnect"#))
            let later = try Self.account(page, .linkedin, named: "Later")
            #expect(!later.contains("account-warning") && later.contains("Reconnect before "))
            let gone = try Self.account(page, .linkedin, named: "Gone")
            #expect(gone.contains("account-warning") && gone.contains("Expired — reconnect"))
            #expect(!page.contains("Token expire"))
        }
    }
}
