import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FragmentService

/// Every query string is read as a form (`+` is a space, `%2B` a plus), as
/// the programs that build these links (Python's urlencode, HTML GET forms) write them.
@Suite struct QueryDecodingTests {
    @Test func aPlusInTheSharePageQueryIsASpace() async throws {
        try await ConnectFlow.with { flow, deps, client in
            let session = try await BrowserSession.signedIn(client)
            try await SharePageTests.connectMastodon(flow, client, session)
            let (status, page, _) = try await ConnectFlowTests.get(
                client, "/social/share/?url=https%3A%2F%2Fblog.rose-ash.example%2Fposts%2Fkiln&title=My+first+post&description=1%2B1+is+2", session)
            #expect(status == .ok)
            #expect(page.contains("My first post"))
            #expect(!page.contains("My+first+post"))
            #expect(page.contains("1+1 is 2"))
        }
    }

    @Test func aPlusInTheMastodonServerPrefillIsASpaceAndTrimmed() async throws {
        try await ConnectFlow.with { _, _, client in
            let session = try await BrowserSession.signedIn(client)
            let (status, form, _) = try await ConnectFlowTests.get(client, "/social/connect/mastodon/?instance=mastodon.social+", session)
            #expect(status == .ok)
            #expect(!form.contains("mastodon.social+"))
            #expect(form.contains("mastodon.social"))
        }
    }

    @Test func aTrailingSpaceTypedIntoTheMastodonFormStillConnects() async throws {
        try await ConnectFlow.with { flow, _, client in
            let session = try await BrowserSession.signedIn(client)
            // A browser sends a typed trailing space as `+`.
            let (status, _, location) = try await client.execute(
                uri: "/social/connect/mastodon/", method: .post,
                headers: [.cookie: session.cookie, .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "_csrf=\(session.csrf)&instance=mastodon.social+")
            ) { ($0.status, String(buffer: $0.body), $0.headers[.location]) }
            #expect(status == .seeOther)
            #expect(location?.hasPrefix("http://127.0.0.1:\(flow.sandboxPort)/mastodon.social/oauth/authorize?") == true)
        }
    }

    @Test func theOneDecoderReadsNamesValuesAndRepeats() {
        let fields = FormFields("a+b=c+d&e%2Bf=g%2Bh&x=1&x=2&empty=&bare")
        #expect(fields["a b"] == "c d")
        #expect(fields["e+f"] == "g+h")
        #expect(fields.all("x") == ["1", "2"])
        #expect(fields["empty"] == "")
        #expect(fields["bare"] == "")
    }
}
