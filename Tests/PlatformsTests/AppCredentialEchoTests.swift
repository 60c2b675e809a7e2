import Foundation
import Testing

@testable import Platforms

/// A transport that answers every call with one fixed response, like a platform that echoes
/// what it was sent.
private struct FixedAnswerTransport: PlatformTransport {
    let status: Int
    let body: String
    func send(_ request: PlatformHTTPRequest) async throws(TransportError) -> PlatformHTTPResponse {
        PlatformHTTPResponse(status: status, headers: ["Content-Type": "application/json"], body: Data(body.utf8))
    }
}

/// An answer from outside that repeats the secret it was sent never brings it into the check's sentence.
@Suite struct AppCredentialEchoTests {
    static let secret = "echoed-secret-7f3a"

    @Test func anOAuthRefusalThatEchoesTheSecretDoesNotShowIt() async {
        let transport = FixedAnswerTransport(
            status: 401, body: #"{"error":"invalid_client","error_description":"client_secret \#(Self.secret) is wrong"}"#)
        let check = await LinkedInPlatform(clientID: "li", clientSecret: Self.secret, transport: transport).checkAppCredentials()
        guard case .refused(let message) = check else {
            Issue.record("not refused: \(check)")
            return
        }
        #expect(message.contains("client_secret") && message.contains("SOCIAL_LINKEDIN_CLIENT_SECRET"))
        #expect(!message.contains(Self.secret))
    }

    @Test func aGraphRefusalThatEchoesTheSecretSplitByControlCharactersDoesNotShowIt() async {
        let split = Self.secret.prefix(6) + "\\u0000" + Self.secret.dropFirst(6)
        let transport = FixedAnswerTransport(
            status: 400, body: #"{"error":{"message":"Error validating client secret \#(split).","type":"OAuthException","code":1}}"#)
        let check = await ThreadsClient(app: MetaAppCredentials(appID: "26", appSecret: Self.secret), transport: transport).checkAppCredentials()
        guard case .refused(let message) = check else {
            Issue.record("not refused: \(check)")
            return
        }
        #expect(message.contains("Graph error 1") && message.contains("SOCIAL_THREADS_APP_ID"))
        #expect(!message.contains(Self.secret))
    }

    @Test func anUnknownErrorCodeIsNotRepeatedWhenItIsNotAnIdentifier() async {
        let transport = FixedAnswerTransport(status: 403, body: #"{"error":"<script>\#(Self.secret)</script>"}"#)
        let check = await TwitterPlatform(clientID: "x", clientSecret: Self.secret, transport: transport).checkAppCredentials()
        guard case .unknown(let message) = check else {
            Issue.record("not unknown: \(check)")
            return
        }
        #expect(!message.contains(Self.secret) && !message.contains("<script>"))
    }
}
