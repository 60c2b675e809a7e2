import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PropertyBased
import PropertySoup
import Testing

@testable import FragmentService

/// Properties of how requests are decoded: form bodies, form numbers and query numbers answer
/// within their bounds whatever is sent.
@Suite struct RequestDecodingPropertyTests {
    static let formPieces = ["&", "=", "+", "%", "%2", "%zz", "%26", "%3D", "%C3%A9", "%FF", "name", "delay_minutes", "tags", "é", " "]

    @Test func anyFormBodyDecodesIntoAtMostOnePairPerAmpersand() async {
        await propertyCheck(count: 1000, input: Soup.text(Self.formPieces, parts: 0...30)) { body in
            let form = FormFields(body)
            #expect(form.pairs.count <= body.filter { $0 == "&" }.count + 1, "\(body)")
            _ = form["name"]
            _ = form.all("tags")
        }
    }

    @Test func anyDelayInMinutesIsSecondsWithinAWeekOrRefused() async {
        await propertyCheck(count: 1000, input: Soup.int, Soup.text(["1", "0", "-", "+", " ", "e3", "."], parts: 0...6), Gen.bool) {
            number, junk, useJunk in
            let seconds = ShareRuleInput.delaySeconds(minutes: useJunk ? junk : String(number))
            #expect(seconds == -1 || (0...604_800).contains(seconds))
            if !useJunk { #expect((seconds == -1) == !(0...10_080).contains(number), "\(number)") }
        }
    }

    @Test func anyHistoryPageIsAPageOrABadRequest() async throws {
        let app = try await TestEnvironment.app()
        try await app.test(.router) { client in
            let session = try await BrowserSession.signedIn(client)
            await propertyCheck(count: 200, input: Soup.int, Soup.text(["1", "-", "%2B", "%20", "e", "0"], parts: 0...4), Gen.bool) {
                number, junk, useJunk in
                let page = useJunk ? junk : String(number)
                let status = try await ConnectFlowTests.get(client, "/social/history/?page=\(page)", session).0
                #expect(status == .ok || status == .badRequest, "page=\(page)")
                if !useJunk { #expect((status == .ok) == OutsideNumberTests.historyPages.contains(number), "page=\(page)") }
            }
        }
    }
}
