import Foundation
import Testing

@testable import FragmentService

/// The accounts page's words for an account's access, around every boundary of the rules.
@Suite struct AccountHealthTests {
    static func utc(_ text: String) throws -> Date {
        try #require(ISO8601DateFormatter().date(from: text), "bad test date \(text)")
    }

    /// Saturday 20 February 2027, 10:00 UTC.
    static let now = Date(timeIntervalSince1970: 1_803_117_600)

    static func health(expiring text: String?, renews: Bool = false) throws -> AccountHealth {
        AccountHealth(needsReconnect: false, reason: nil, renewsByItself: renews, expiresAt: try text.map(utc), now: now)
    }

    @Test func theFixedNowIsWhatTheTestsSayItIs() throws {
        #expect(Self.now == (try Self.utc("2027-02-20T10:00:00Z")))
    }

    @Test func aTokenWithARefreshTokenRenewsAutomaticallyWhateverItsExpiry() throws {
        // X: two-hour access tokens, so the stored expiry is nearly always "today" or past.
        for expiry in ["2027-02-20T11:00:00Z", "2027-02-20T09:00:00Z", "2020-01-01T00:00:00Z", nil] {
            let health = try Self.health(expiring: expiry, renews: true)
            #expect(health == AccountHealth(text: "Renews automatically", tone: .good, offersReconnect: false), "\(expiry ?? "none")")
        }
    }

    @Test func aStoredConnectionWithARefreshTokenRenewsAndOneWithoutNamesItsDeadline() throws {
        let expiry = try Self.utc("2027-02-20T12:00:00Z")
        var connection = SocialConnection(
            id: 1, userID: "u1", platform: .twitter, platformUserID: "1", username: "ada", displayName: "Ada", accessToken: "a",
            refreshToken: "r", tokenExpiresAt: expiry, scopes: [], extraData: [:], status: .active, lastError: nil, createdAt: Self.now,
            updatedAt: Self.now)
        #expect(AccountHealth(connection, now: Self.now).text == "Renews automatically")
        connection.refreshToken = nil
        #expect(AccountHealth(connection, now: Self.now).text == "Reconnect today")
    }

    @Test func noExpiryIsSimplyConnected() throws {
        #expect(try Self.health(expiring: nil) == AccountHealth(text: "Connected", tone: .good, offersReconnect: false))
    }

    @Test func needingAReconnectNamesTheReasonAndOffersTheButtonEvenWithARefreshToken() {
        let health = AccountHealth(
            needsReconnect: true, reason: " The token was revoked. ", renewsByItself: true, expiresAt: nil, now: Self.now)
        #expect(health == AccountHealth(text: "Needs reconnecting: The token was revoked.", tone: .warning, offersReconnect: true))
        for reason in [nil, "", "  \n"] {
            #expect(
                AccountHealth(needsReconnect: true, reason: reason, renewsByItself: false, expiresAt: nil, now: Self.now).text == "Needs reconnecting"
            )
        }
        let long = AccountHealth(
            needsReconnect: true, reason: String(repeating: "é", count: 5000), renewsByItself: false, expiresAt: nil, now: Self.now)
        #expect(long.text.count == "Needs reconnecting: ".count + AccountHealth.reasonLimit)
        #expect(long.text.hasSuffix("…"))
    }

    @Test func anExpiredTokenSaysSoAtTheVeryMomentAndAfter() throws {
        let expired = AccountHealth(text: "Expired — reconnect", tone: .warning, offersReconnect: true)
        #expect(try Self.health(expiring: "2027-02-20T10:00:00Z") == expired)
        #expect(try Self.health(expiring: "2027-02-20T09:59:59Z") == expired)
        #expect(try Self.health(expiring: "1970-01-01T00:00:00Z") == expired)
        #expect(try Self.health(expiring: "2027-02-20T10:00:01Z").text == "Reconnect today")
    }

    @Test func theDeadlineIsTheDayTheTokenStillCoversInEveryTimeZone() throws {
        // Until 12:00 UTC on the 12th the token does not cover the whole of the 11th in UTC−12.
        #expect(try Self.health(expiring: "2027-03-12T13:00:00Z").text == "Reconnect before 12 March")
        #expect(try Self.health(expiring: "2027-03-12T12:00:00Z").text == "Reconnect before 12 March")
        #expect(try Self.health(expiring: "2027-03-12T11:59:59Z").text == "Reconnect before 11 March")
        // The last covered day is today: "before tomorrow" would be too late somewhere.
        #expect(try Self.health(expiring: "2027-02-21T13:00:00Z").text == "Reconnect before 21 February")
        #expect(try Self.health(expiring: "2027-02-21T11:59:59Z").text == "Reconnect today")
    }

    @Test func theYearIsNamedOnlyWhenItIsNotThisOne() throws {
        #expect(try Self.health(expiring: "2027-12-31T18:00:00Z").text == "Reconnect before 31 December")
        #expect(try Self.health(expiring: "2028-01-10T18:00:00Z").text == "Reconnect before 10 January 2028")
    }

    @Test func theWarningStartsFourteenDaysBeforeTheExpiry() throws {
        let edge = Self.now.addingTimeInterval(AccountHealth.warningWindow)
        let atEdge = AccountHealth(needsReconnect: false, reason: nil, renewsByItself: false, expiresAt: edge, now: Self.now)
        let justOutside = AccountHealth(
            needsReconnect: false, reason: nil, renewsByItself: false, expiresAt: edge.addingTimeInterval(1), now: Self.now)
        #expect(atEdge.tone == .warning && atEdge.offersReconnect)
        #expect(justOutside.tone == .due && justOutside.offersReconnect)
        #expect(atEdge.text == "Reconnect before 5 March")
        #expect(try Self.health(expiring: "2027-04-21T10:00:00Z").tone == .due)
    }
}
