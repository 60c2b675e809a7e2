import Crypto
import Foundation
import Platforms
import SocialCore
import Testing

/// The `signed_request` verifier on its own: every check refuses with its own error, and the
/// signature is checked against the payload text as received.
@Suite struct MetaSignedRequestTests {
    static let secret = "app-secret-0123456789"
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func sign(_ json: String, secret: String = secret) -> String {
        let payload = Data(json.utf8).base64URLEncodedString()
        let mac = HMAC<SHA256>.authenticationCode(for: Data(payload.utf8), using: SymmetricKey(data: Data(secret.utf8)))
        return Data(mac).base64URLEncodedString() + "." + payload
    }

    static func payload(algorithm: String = "HMAC-SHA256", issuedAt: String = "1800000000", userID: String = #""218471""#) -> String {
        #"{"algorithm":"\#(algorithm)","expires":1800003600,"issued_at":\#(issuedAt),"user_id":\#(userID),"user":{"country":"gb"}}"#
    }

    static func refusal(_ text: String, secret: String = secret) -> MetaSignedRequestError.Code? {
        do {
            _ = try MetaSignedRequest.verify(text, appSecret: secret, now: now)
            return nil
        } catch {
            return error.code
        }
    }

    @Test func aRequestSignedWithTheAppSecretGivesTheUserAndTime() throws {
        let request = try MetaSignedRequest.verify(Self.sign(Self.payload()), appSecret: Self.secret, now: Self.now)
        #expect(request.userID == "218471")
        #expect(request.issuedAt == Self.now)
        // A numeric user id, and a padded signature, are read the same way.
        let parts = Self.sign(Self.payload(userID: "218471")).split(separator: ".")
        #expect(try MetaSignedRequest.verify(parts[0] + "=." + parts[1], appSecret: Self.secret, now: Self.now).userID == "218471")
    }

    @Test func eachCheckRefusesWithItsOwnError() {
        let good = Self.sign(Self.payload())
        let parts = good.split(separator: ".").map(String.init)
        #expect(Self.refusal("") == .missing)
        #expect(Self.refusal(String(repeating: "a", count: MetaSignedRequest.maximumLength + 1)) == .tooLarge)
        #expect(Self.refusal(parts[1]) == .malformed)
        #expect(Self.refusal(good + ".x") == .malformed)
        #expect(Self.refusal("abc." + parts[1]) == .malformed)
        #expect(Self.refusal(parts[0] + ".") == .malformed)
        #expect(Self.refusal(parts[0] + "." + parts[1] + "%") == .malformed)
        #expect(Self.refusal(good, secret: "another-secret") == .badSignature)
        // The signature covers the payload's text: the same JSON encoded differently is refused.
        let reencoded = Data((Self.payload() + " ").utf8).base64URLEncodedString()
        #expect(Self.refusal(parts[0] + "." + reencoded) == .badSignature)
        #expect(Self.refusal(Self.sign("[1,2]")) == .unreadablePayload)
        #expect(Self.refusal(Self.sign("not json")) == .unreadablePayload)
        #expect(Self.refusal(Self.sign(Self.payload(algorithm: "HMAC-SHA1"))) == .wrongAlgorithm)
        #expect(Self.refusal(Self.sign(Self.payload(algorithm: "hmac-sha256"))) == .wrongAlgorithm)
        #expect(Self.refusal(Self.sign(#"{"issued_at":1800000000,"user_id":"1"}"#)) == .wrongAlgorithm)
        #expect(Self.refusal(Self.sign(#"{"algorithm":"HMAC-SHA256","user_id":"1"}"#)) == .missingIssuedAt)
        for bad in [#""1800000000""#, "true", "-5", "1e300", "null"] {
            #expect(Self.refusal(Self.sign(Self.payload(issuedAt: bad))) == .missingIssuedAt, "\(bad)")
        }
        #expect(Self.refusal(Self.sign(Self.payload(issuedAt: "1799996399"))) == .stale)
        #expect(Self.refusal(Self.sign(Self.payload(issuedAt: "1799996400"))) == nil)
        #expect(Self.refusal(Self.sign(Self.payload(issuedAt: "1800000301"))) == .fromTheFuture)
        #expect(Self.refusal(Self.sign(Self.payload(issuedAt: "1800000300"))) == nil)
        for bad in [#""0""#, "0", #""""#, #""12a""#, "null", "true", "-1", #""\#(String(repeating: "1", count: 65))""#] {
            #expect(Self.refusal(Self.sign(Self.payload(userID: bad))) == .missingUser, "\(bad)")
        }
    }

    @Test func errorsNeverRepeatTheRequestOrTheSecret() {
        let request = Self.sign(Self.payload())
        for code in [MetaSignedRequestError.Code.badSignature, .malformed, .stale, .wrongAlgorithm] {
            let text = MetaSignedRequestError(code).description
            #expect(!text.contains(Self.secret) && !text.contains(request.prefix(20)))
        }
    }
}
