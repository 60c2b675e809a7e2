import Platforms
import Testing

@testable import FragmentService

/// A state or name read from the database that this code does not know is an error
/// naming its column, never quietly another value.
@Suite struct StoredValueTests {
    @Test func knownValuesAreReadAndUnknownOnesFailNamingTheColumn() throws {
        #expect(try PlatformName(stored: "mastodon", column: "platform") == .mastodon)
        #expect(try ShareStatus(stored: "unconfirmed", column: "share status") == .unconfirmed)
        #expect(throws: (any Error).self) { try PlatformName(stored: "bluesky-beta", column: "platform") }
        do {
            _ = try ShareStatus(stored: "archived", column: "share status")
            Issue.record("an unknown share status was read")
        } catch {
            #expect("\(error)".contains("unknown share status: 'archived'"))
        }
    }
}
