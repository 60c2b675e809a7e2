import Foundation
import Testing

@testable import Platforms

/// A pinned API version past its retirement is an operator alert, not a per-share mystery.
@Suite struct APIVersionCalendarTests {
    static func day(_ text: String) throws -> Date {
        try Date(text + "T12:00:00Z", strategy: .iso8601)
    }

    @Test func linkedInVersionsAreWarnedSixtyDaysAheadAndBlockOnlyOnAConfirmedSunset() throws {
        let now = try Self.day("2026-11-26")
        let retired = APIVersionCalendar.alerts(graphVersion: nil, linkedInVersion: "202511", now: now)
        #expect(retired.count == 1 && retired[0].severity == .critical && retired[0].blocksPosting && retired[0].platforms == [.linkedin])
        #expect(retired[0].message.contains("SOCIAL_LINKEDIN_VERSION") && retired[0].message.contains("2026-11-16"))
        let soon = APIVersionCalendar.alerts(graphVersion: nil, linkedInVersion: "202601", now: now)
        #expect(soon.map(\.severity) == [.warning] && soon.allSatisfy { !$0.blocksPosting })
        #expect(APIVersionCalendar.alerts(graphVersion: nil, linkedInVersion: "202603", now: now).isEmpty)
        // Versions not on LinkedIn's page are estimated: warned about, never blocked.
        #expect(APIVersionCalendar.linkedInSunset("202606").map { $0.confirmed } == false)
        let estimated = APIVersionCalendar.alerts(graphVersion: nil, linkedInVersion: "202606", now: try Self.day("2027-07-01"))
        #expect(estimated.map(\.severity) == [.critical] && !estimated[0].blocksPosting && estimated[0].message.contains("estimated"))
        #expect(APIVersionCalendar.linkedInSunset("2026-1") == nil && APIVersionCalendar.linkedInSunset("202613") == nil)
    }

    @Test func graphVersionsPastTheirDateAreCriticalButMetaStillAnswers() throws {
        let now = try Self.day("2026-11-26")
        #expect(APIVersionCalendar.alerts(graphVersion: "v26.0", linkedInVersion: nil, now: now).isEmpty)
        #expect(APIVersionCalendar.alerts(graphVersion: "v21.0", linkedInVersion: nil, now: now).map(\.severity) == [.warning])
        let gone = APIVersionCalendar.alerts(graphVersion: "v20.0", linkedInVersion: nil, now: now)
        #expect(gone.map(\.severity) == [.critical] && !gone[0].blocksPosting && gone[0].platforms == [.facebook, .instagram])
        #expect(APIVersionCalendar.graphSunset("v12.0") == .distantPast)
        #expect(APIVersionCalendar.graphSunset("latest") == nil && APIVersionCalendar.graphSunset("v") == nil)
    }
}
