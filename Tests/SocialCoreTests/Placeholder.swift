import Testing
@testable import SocialCore
@Test func placeholder() { #expect(1 == 1) }
