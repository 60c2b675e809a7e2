import Foundation
import Testing

@testable import Ingest

/// ISO 8601 and RFC 822 variants seen in pages and feeds.
@Suite("Date parsing")
struct DateParserTests {
    @Test(
        "ISO 8601 with and without seconds, fractions and zones, and date-only",
        arguments: [
            ("2024-05-14", "2024-05-14T00:00:00Z"),
            ("2024-05-14T09:30Z", "2024-05-14T09:30:00Z"),
            ("2024-05-14T09:30:15", "2024-05-14T09:30:15Z"),
            ("2024-05-14T09:30:15+01:00", "2024-05-14T08:30:15Z"),
            ("2024-05-14T09:30:15-0530", "2024-05-14T15:00:15Z"),
            ("2024-05-14 09:30:15+02", "2024-05-14T07:30:15Z"),
            ("2024-05-14T09:30:15.250Z", "2024-05-14T09:30:15.250Z"),
            ("  2024-02-29T23:59:59z ", "2024-02-29T23:59:59Z"),
        ])
    func iso8601(input: String, expected: String) {
        #expect(DateParser.iso8601(input) == Fixture.date(expected))
    }

    @Test(
        "RFC 822 with the usual variants",
        arguments: [
            ("Tue, 14 May 2024 09:30:00 GMT", "2024-05-14T09:30:00Z"),
            ("Tue, 14 May 2024 09:30:00 +0100", "2024-05-14T08:30:00Z"),
            ("14 May 2024 09:30 EST", "2024-05-14T14:30:00Z"),
            ("Tuesday, 14 May 24 09:30:00 PDT", "2024-05-14T16:30:00Z"),
            ("Tue, 4 June 2024 9:05:00 -07:00", "2024-06-04T16:05:00Z"),
            ("Tue, 14 May 2024 09:30:00", "2024-05-14T09:30:00Z"),
            ("Mon,14 Oct 1996 00:00:00 UT", "1996-10-14T00:00:00Z"),
        ])
    func rfc822(input: String, expected: String) {
        #expect(DateParser.rfc822(input) == Fixture.date(expected))
    }

    @Test("Nonsense and out-of-range dates are rejected", arguments: ["yesterday", "2024-13-01", "2024-05-14T25:00", "32 May 2024", ""])
    func rejects(input: String) {
        #expect(DateParser.flexible(input) == nil)
    }

    @Test("flexible accepts either format")
    func flexible() {
        #expect(DateParser.flexible("2024-05-14") == Fixture.date("2024-05-14T00:00:00Z"))
        #expect(DateParser.flexible("Tue, 14 May 2024 00:00:00 GMT") == Fixture.date("2024-05-14T00:00:00Z"))
    }
}
