import Foundation
import Testing

@testable import SocialCore

@Suite("Outbound errors")
struct OutboundErrorTests {
    @Test("descriptions keep scheme, host and path but never user info, query or fragment")
    func redactsURL() {
        let url = URL(string: "https://user:pw@api.example:8443/v1/me?access_token=SECRET&x=1#frag")!
        for error in [OutboundError.timeout, .bodyTooLarge, .blockedAddress, .invalidURL, .connectionFailed] {
            let text = error.at(url, host: "api.example").description
            #expect(text.contains("https://api.example:8443/v1/me"))
            for secret in ["SECRET", "access_token", "?", "pw", "user", "frag"] { #expect(!text.contains(secret), "\(text)") }
        }
    }

    @Test("errors compare by kind, whatever destination they name")
    func equalityByKind() {
        let a = OutboundError.blockedAddress.at(URL(string: "http://a.example/")!, host: "a.example")
        #expect(a == .blockedAddress)
        #expect(a != .timeout)
    }

    @Test("URL normalisation refuses what cannot be pinned safely")
    func normalisation() throws {
        #expect(try OutboundHTTP.normalized(URL(string: "HTTP://User:pw@Example.COM/a?b")!).absoluteString == "http://example.com/a?b")
        #expect(throws: OutboundError.unsupportedScheme) { try OutboundHTTP.normalized(URL(string: "file:///etc/passwd")!) }
        #expect(throws: OutboundError.invalidURL) { try OutboundHTTP.normalized(URL(string: "/relative")!) }
    }
}
