import Foundation
import Testing

@testable import Platforms

/// Error-envelope classification for codes the sandbox cannot produce (it throttles only with code 4).
@Suite struct MetaGraphErrorTests {
    func api(_ code: Int, subcode: Int? = nil, status: Int = 400, endpoint: String = "graph.facebook.com/v26.0/1/feed") -> MetaGraphError {
        MetaGraphError(
            .api(code: code, subcode: subcode, message: "m", userMessage: nil, isTransient: false), platform: .facebook,
            status: status, endpoint: endpoint)
    }

    @Test(arguments: [4, 17, 32, 613, 80001, 9])
    func throttlingCodesAreRateLimitedWhateverTheStatus(code: Int) {
        #expect(api(code, status: 403).shareResult(mayHavePosted: true).errorKind == .rateLimited)
        #expect(api(code).platformError.code == .rateLimited)
    }

    @Test(arguments: [190, 102])
    func deadTokenCodesNeedReconnect(code: Int) {
        #expect(api(code, subcode: 463).shareResult(mayHavePosted: true).errorKind == .needsReconnect)
        #expect(api(code).platformError.code == .invalidGrant)
    }

    @Test func permissionCodesNeedReconnectAndReportPermissionMissing() {
        #expect(api(200).shareResult(mayHavePosted: true).errorKind == .needsReconnect)
        #expect(api(10).platformError.code == .permissionMissing)
    }

    @Test func duplicateAndLinkScrapeFailuresAreContentProblems() {
        #expect(api(506).shareResult(mayHavePosted: true).errorKind == .duplicate)
        #expect(api(1_609_005).shareResult(mayHavePosted: true).errorKind == .rejectedContent)
    }

    @Test func descriptionNamesHostAndPathButNeverTheQuery() {
        let error = MetaGraphError(.unreadable, platform: .threads, status: 200, endpoint: "graph.threads.net/access_token")
        #expect(error.description.contains("graph.threads.net/access_token"))
        #expect(!error.description.contains("?"))
    }

    @Test func usageHeadersGiveRetryAfterFromBusinessUseCaseMinutes() {
        let response = PlatformHTTPResponse(
            status: 400,
            headers: [
                "X-Business-Use-Case-Usage":
                    #"{"1":[{"type":"pages","call_count":100,"total_cputime":20,"total_time":30,"estimated_time_to_regain_access":7}]}"#
            ], body: Data())
        let usage = MetaUsage(response)
        #expect(usage?.percentUsed == 100)
        #expect(usage?.minutesToRegainAccess == 7)
        let now = Date()
        #expect(usage?.retryAfter(from: now) == now.addingTimeInterval(420))
    }
}
